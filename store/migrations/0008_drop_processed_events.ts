// 0008: drops processed_events (from 0006). Webhook redeliveries are deduplicated by the messages
// table's unique (channel, external_id) instead, so the table was never written; an unused table
// only misleads the next reader. `down` recreates it as 0006 made it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('processed_events').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('processed_events')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('processed_events_received_at').on('processed_events').column('received_at').execute();
}
