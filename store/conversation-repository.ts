// Threads: one row per (channel, thread_key), with the state triage needs between messages. They
// are created and counted by the inbound hot path's statements (store/inbound-writes.ts).
import type { Kysely } from 'kysely';
import type { Schema } from './schema';

export interface ThreadRef {
  readonly channel: Schema['conversations']['channel'];
  readonly threadKey: string;
  readonly platformUserId: string;
}

/** Who a conversation belongs to: its channel, thread key and the contact's platform id. */
export async function findThread(db: Kysely<Schema>, id: string): Promise<ThreadRef | undefined> {
  const row = await db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select(['conversations.channel', 'conversations.thread_key', 'contacts.platform_user_id'])
    .where('conversations.id', '=', id)
    .executeTakeFirst();
  return row && { channel: row.channel, threadKey: row.thread_key, platformUserId: row.platform_user_id };
}

export async function setConversationOwner(db: Kysely<Schema>, id: string, owner: 'bot' | 'human'): Promise<void> {
  await db.updateTable('conversations').set({ owner, updated_at: new Date() }).where('id', '=', id).execute();
}

/** The thread's channel and visibility with the citizen's handle (for a triage card). */
export async function findConversationWithContact(db: Kysely<Schema>, id: string) {
  return db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select(['conversations.channel', 'conversations.is_public', 'contacts.handle'])
    .where('conversations.id', '=', id)
    .executeTakeFirst();
}
