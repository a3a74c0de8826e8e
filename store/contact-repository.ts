// Citizens as seen on one channel: one row per (channel, platform user id).
import type { Kysely } from 'kysely';
import { newId } from './ids';
import type { ChannelColumn, Schema } from './schema';

export interface ContactInput {
  readonly channel: ChannelColumn;
  readonly platformUserId: string;
  readonly handle?: string;
  readonly displayName?: string;
}

/** Inserts or refreshes the contact; returns its id. Safe under concurrent calls. */
export async function upsertContact(db: Kysely<Schema>, input: ContactInput): Promise<string> {
  const row = await db
    .insertInto('contacts')
    .values({
      id: newId(),
      channel: input.channel,
      platform_user_id: input.platformUserId,
      handle: input.handle ?? null,
      display_name: input.displayName ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['channel', 'platform_user_id']).doUpdateSet((eb) => ({
        // Keep what we knew when the platform omits it this time.
        handle: eb.fn.coalesce('excluded.handle', 'contacts.handle'),
        display_name: eb.fn.coalesce('excluded.display_name', 'contacts.display_name'),
        updated_at: new Date(),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
