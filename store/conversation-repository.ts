// Threads: one row per (channel, thread_key), with the state triage needs between messages. They
// are created and counted by the inbound hot path's statements (store/inbound-writes.ts).
import type { Kysely } from 'kysely';
import type { Schema } from './schema';

export async function setConversationOwner(db: Kysely<Schema>, id: string, owner: 'bot' | 'human'): Promise<void> {
  await db.updateTable('conversations').set({ owner, updated_at: new Date() }).where('id', '=', id).execute();
}
