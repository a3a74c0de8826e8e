// Messages in and out. Inbound rows are deduplicated on (channel, external_id) and carry a
// processing status; outbound rows record what an outbox row sent (one per outbox row).
import type { Kysely, Selectable } from 'kysely';
import { newId } from './ids';
import { toJson } from './json';
import type { ChannelColumn, LinkJson, MessagesTable, MessageStatus, Schema } from './schema';

export type MessageRow = Selectable<MessagesTable>;

export interface InboundInput {
  readonly conversationId: string;
  readonly channel: ChannelColumn;
  readonly externalId: string;
  /** Already redacted. */
  readonly text: string;
  readonly piiTypes: readonly string[];
  readonly replyTarget: Readonly<Record<string, string>>;
  readonly sentAt: Date;
}

/** Stores an inbound message unless (channel, external_id) exists; returns the row's id either way. */
export async function insertInbound(
  db: Kysely<Schema>,
  input: InboundInput,
): Promise<{ readonly id: string; readonly conversationId: string; readonly duplicate: boolean }> {
  const inserted = await db
    .insertInto('messages')
    .values({
      id: newId(),
      conversation_id: input.conversationId,
      channel: input.channel,
      direction: 'in',
      author: 'citizen',
      text: input.text,
      pii_types: [...input.piiTypes],
      external_id: input.externalId,
      status: 'received',
      links: toJson([]),
      reply_target: toJson(input.replyTarget),
      outbox_id: null,
      ticket_id: null,
      sent_at: input.sentAt,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).where('direction', '=', 'in').doNothing())
    .returning(['id', 'conversation_id'])
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, conversationId: inserted.conversation_id, duplicate: false };
  const existing = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id'])
    .where('channel', '=', input.channel)
    .where('external_id', '=', input.externalId)
    .where('direction', '=', 'in')
    .executeTakeFirstOrThrow();
  return { id: existing.id, conversationId: existing.conversation_id, duplicate: true };
}

export async function findMessage(db: Kysely<Schema>, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Conditional status change; false when the message was not in one of the `from` states. */
export async function moveInboundStatus(
  db: Kysely<Schema>,
  id: string,
  from: readonly MessageStatus[],
  to: MessageStatus,
): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({ status: to })
    .where('id', '=', id)
    .where('direction', '=', 'in')
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setMessageTicket(db: Kysely<Schema>, id: string, ticketId: string): Promise<void> {
  await db.updateTable('messages').set({ ticket_id: ticketId }).where('id', '=', id).execute();
}

export interface OutboundRecord {
  readonly conversationId: string;
  readonly channel: ChannelColumn;
  readonly author: 'bot' | 'agent';
  readonly text: string;
  readonly links: readonly LinkJson[];
  readonly outboxId: string;
  readonly externalId: string | null;
  readonly sentAt: Date;
}

/** Records a sent outbox row in the transcript; a second call for the same outbox row is a no-op. */
export async function insertOutbound(db: Kysely<Schema>, input: OutboundRecord): Promise<MessageRow | undefined> {
  return db
    .insertInto('messages')
    .values({
      id: newId(),
      conversation_id: input.conversationId,
      channel: input.channel,
      direction: 'out',
      author: input.author,
      text: input.text,
      external_id: input.externalId,
      status: null,
      links: toJson(input.links),
      reply_target: toJson({}),
      outbox_id: input.outboxId,
      ticket_id: null,
      sent_at: input.sentAt,
    })
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A conversation's messages, oldest first; ids are time-ordered so `afterId` is a plain `>`. */
export async function listConversationMessages(
  db: Kysely<Schema>,
  conversationId: string,
  afterId?: string,
): Promise<MessageRow[]> {
  let query = db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId);
  if (afterId !== undefined) query = query.where('id', '>', afterId);
  return query.orderBy('id').execute();
}

/** Inbound messages whose processing never finished (for recovery at startup). */
export async function listUnfinishedInbound(db: Kysely<Schema>): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('id')
    .where('status', 'in', ['received', 'processing'])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
