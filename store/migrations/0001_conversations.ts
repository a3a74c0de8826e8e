// 0001: citizens, their threads and every message in them, plus the bot's decision per message.
// Why: the pipeline stores each inbound message before triage (so nothing is lost if a worker
// dies) and dedupes redeliveries on (channel, external_id). Text is stored PII-redacted only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('platform_user_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text')
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('contacts_channel_user_key', ['channel', 'platform_user_id'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('is_public', 'boolean', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('owner', 'text', (c) =>
      c
        .notNull()
        .defaultTo('bot')
        .check(sql`owner in ('bot', 'human')`),
    )
    .addColumn('out_of_scope_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_inbound_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('conversations_channel_thread_key', ['channel', 'thread_key'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('citizen', 'bot', 'agent')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('pii_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.check(sql`status in ('received', 'processing', 'processed')`))
    .addColumn('links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reply_target', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('outbox_id', 'text', (c) => c.unique())
    .addColumn('ticket_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A platform redelivering the same event must not create a second inbound message.
  await db.schema
    .createIndex('messages_inbound_external_id')
    .on('messages')
    .columns(['channel', 'external_id'])
    .unique()
    .where(sql.ref('direction'), '=', 'in')
    .execute();
  await db.schema.createIndex('messages_conversation').on('messages').columns(['conversation_id', 'id']).execute();
  // recover() scans for inbound messages that never finished.
  await db.schema.createIndex('messages_unfinished').on('messages').column('status').where(sql.ref('status'), 'in', ['received', 'processing']).execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique().references('messages.id'))
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('top_k', 'jsonb', (c) => c.notNull())
    .addColumn('entities', 'jsonb', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('pii', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reply', 'jsonb')
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('latency_us', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['decisions', 'messages', 'conversations', 'contacts']) {
    await db.schema.dropTable(table).execute();
  }
}
