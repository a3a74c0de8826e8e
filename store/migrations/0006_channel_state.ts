// 0006: channel bookkeeping: poll cursors (X since_id, …) and webhook dedupe keys.
// Why: a restarted poller must resume where it stopped, and platforms redeliver webhooks for up
// to a day or two, so event keys are kept (with received_at for pruning) for at least 48 hours.
// (processed_events went unused and 0008 drops it: messages' unique (channel, external_id) dedupes.)
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('channel_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await createProcessedEvents(db);
}

/** Also 0008's `down`, which puts the table back as this migration made it. */
export async function createProcessedEvents(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('processed_events')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('processed_events_received_at').on('processed_events').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['processed_events', 'channel_state']) await db.schema.dropTable(table).execute();
}
