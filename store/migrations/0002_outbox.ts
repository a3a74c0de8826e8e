// 0002: the outbox, one row per reply on its way out (bot or agent).
// Why: a reply is written in the same step as the decision and sent by a separate, retried job,
// so a crash between "decided" and "sent" loses nothing. UNIQUE (in_reply_to, kind) makes a
// retried inbound job unable to queue a second bot reply to the same message.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('in_reply_to', 'text', (c) => c.references('messages.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bot_reply', 'agent_reply')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'failed', 'dead')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('quick_replies', 'jsonb')
    .addColumn('is_public', 'boolean', (c) => c.notNull())
    .addColumn('authored_by', 'text', (c) => c.notNull().check(sql`authored_by in ('bot', 'agent')`))
    .addColumn('author_id', 'text')
    .addColumn('reply_target', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('external_id', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('outbox_in_reply_to_kind', ['in_reply_to', 'kind'])
    .execute();
  await db.schema.createIndex('outbox_unfinished').on('outbox').column('status').where(sql.ref('status'), 'in', ['pending', 'sending']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outbox').execute();
}
