// 0007: what the agent workflow and console sign-in add to the core tables.
// - users: `disabled_at` (an admin disables instead of deleting, so audit rows keep their actor),
//   `last_seen_at` (online = seen lately, for auto-assignment) and `queues` (empty = all queues).
// - tickets: SLA bookkeeping (`escalations`, `sla_missed_at`), who answered first
//   (`first_responder`), and reopen history (`reopened_at`, `reopen_count`).
// - ticket_notes: internal notes, never sent to the citizen (PII-redacted like every stored text).
// - training_candidates: relabelled messages waiting in the trainer inbox; accepting one makes an
//   `examples` row (source 'relabel') and records its id here.
// - login_failures: failed sign-ins per (ip, email) for the login rate limit. In the database, not
//   in memory, so the limit holds across API processes; rows older than the window are pruned.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('last_seen_at', 'timestamptz')
    .addColumn('queues', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .alterTable('tickets')
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sla_missed_at', 'timestamptz')
    .addColumn('first_responder', 'text')
    .addColumn('reopened_at', 'timestamptz')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // "The latest ticket of this conversation" runs on every inbound message.
  await db.schema.createIndex('tickets_conversation_created').on('tickets').columns(['conversation_id', 'created_at']).execute();
  // Agent load for auto-assignment.
  await db.schema.createIndex('tickets_open_assignee').on('tickets').column('assignee').where(sql.ref('status'), '=', 'assigned').execute();

  await db.schema
    .createTable('ticket_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('ticket_notes_ticket').on('ticket_notes').columns(['ticket_id', 'id']).execute();

  await db.schema
    .createTable('training_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.references('messages.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('predicted_intent', 'text')
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('relabel', 'low_confidence', 'unhandled')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'accepted', 'dismissed')`),
    )
    .addColumn('example_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('training_candidates_open').on('training_candidates').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['login_failures', 'training_candidates', 'ticket_notes']) await db.schema.dropTable(table).execute();
  await db.schema.dropIndex('tickets_open_assignee').execute();
  await db.schema.dropIndex('tickets_conversation_created').execute();
  await db.schema
    .alterTable('tickets')
    .dropColumn('escalations')
    .dropColumn('sla_missed_at')
    .dropColumn('first_responder')
    .dropColumn('reopened_at')
    .dropColumn('reopen_count')
    .execute();
  await db.schema.alterTable('users').dropColumn('disabled_at').dropColumn('last_seen_at').dropColumn('queues').execute();
}
