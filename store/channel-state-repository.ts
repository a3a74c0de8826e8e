// Channel bookkeeping: poll cursors, and webhook event keys already handled (platforms redeliver).
import { sql, type Kysely } from 'kysely';
import type { Schema } from './schema';

export async function getChannelState(db: Kysely<Schema>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('channel_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setChannelState(db: Kysely<Schema>, key: string, value: string): Promise<void> {
  await db
    .insertInto('channel_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
    .execute();
}

/** True the first time `key` is seen, false for a redelivery. */
export async function markEventProcessed(db: Kysely<Schema>, key: string): Promise<boolean> {
  const row = await db
    .insertInto('processed_events')
    .values({ key })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets event keys older than `olderThanMs` (keep at least 48 h: platforms redeliver that long). */
export async function pruneProcessedEvents(db: Kysely<Schema>, olderThanMs: number): Promise<number> {
  const result = await db
    .deleteFrom('processed_events')
    .where('received_at', '<', sql<Date>`now() - ${`${Math.floor(olderThanMs)} milliseconds`}::interval`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
