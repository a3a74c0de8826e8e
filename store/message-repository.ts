// Messages in and out. Inbound rows are deduplicated on (channel, external_id) and carry a
// processing status; outbound rows record what an outbox row sent (one per outbox row). The
// writes of the hot path are in store/inbound-writes.ts and store/outbound-writes.ts.
import type { Kysely, Selectable } from 'kysely';
import type { MessagesTable, Schema } from './schema';

export type MessageRow = Selectable<MessagesTable>;

export async function findMessage(db: Kysely<Schema>, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setMessageTicket(db: Kysely<Schema>, id: string, ticketId: string): Promise<void> {
  await db.updateTable('messages').set({ ticket_id: ticketId }).where('id', '=', id).execute();
}

/** A conversation's messages, oldest first; ids are time-ordered so `afterId` is a plain `>`. */
export async function listConversationMessages(db: Kysely<Schema>, conversationId: string, afterId?: string): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').execute();
}

/** Inbound messages whose processing never finished (for recovery at startup). */
export async function listUnfinishedInbound(db: Kysely<Schema>): Promise<string[]> {
  const rows = await db.selectFrom('messages').select('id').where('status', 'in', ['received', 'processing']).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Inbound messages still unfinished after `olderThan` (for the sweeper), oldest first. */
export async function listStuckInbound(db: Kysely<Schema>, olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('status', 'in', ['received', 'processing'])
    .where('created_at', '<', olderThan)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Dead-letters an unfinished inbound message: no job takes it again, and agents see why. */
export async function markInboundDead(db: Kysely<Schema>, id: string, reason: string): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({ status: 'dead', last_error: reason.slice(0, 1000) })
    .where('id', '=', id)
    .where('status', 'in', ['received', 'processing'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
