// Channel bookkeeping: poll cursors (the X mention poller's since_id).
import type { Kysely } from 'kysely';
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
