// 0008: drops processed_events (from 0006). Webhook redeliveries are deduplicated by the messages
// table's unique (channel, external_id) instead, so the table was never written; an unused table
// only misleads the next reader. `down` recreates it as 0006 made it.
import type { Kysely } from 'kysely';
import { createProcessedEvents } from './0006_channel_state';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('processed_events').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await createProcessedEvents(db);
}
