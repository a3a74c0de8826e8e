// Replies waiting to be sent. Every status change is a conditional UPDATE on the status it
// expects, so two workers (or a worker and an inline Kakao answer) can never both send a row.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { newId } from './ids';
import { toJson } from './json';
import type { ChannelColumn, LinkJson, OutboxTable, QuickReplyJson, Schema } from './schema';

export type OutboxRow = Selectable<OutboxTable>;

export interface OutboxInput {
  readonly conversationId: string;
  /** The inbound message answered; with kind 'bot_reply' at most one row per message. */
  readonly inReplyTo: string | null;
  readonly kind: 'bot_reply' | 'agent_reply';
  readonly text: string;
  readonly links: readonly LinkJson[];
  readonly quickReplies?: readonly QuickReplyJson[];
  readonly isPublic: boolean;
  readonly authoredBy: 'bot' | 'agent';
  readonly authorId?: string;
  readonly replyTarget: Readonly<Record<string, string>>;
}

/** The row a reply becomes (shared with the one-statement write in store/inbound-writes.ts). */
export function outboxValues(input: OutboxInput): Insertable<OutboxTable> {
  return {
    id: newId(),
    conversation_id: input.conversationId,
    in_reply_to: input.inReplyTo,
    kind: input.kind,
    last_error: null,
    text: input.text,
    links: toJson(input.links),
    quick_replies: input.quickReplies ? toJson(input.quickReplies) : null,
    is_public: input.isPublic,
    authored_by: input.authoredBy,
    author_id: input.authorId ?? null,
    reply_target: toJson(input.replyTarget),
    external_id: null,
  };
}

/** The reply already queued for (in_reply_to, kind): what an insert that hit the constraint returns. */
export async function existingOutboxId(db: Kysely<Schema>, input: Pick<OutboxInput, 'inReplyTo' | 'kind'>): Promise<string> {
  const existing = await db
    .selectFrom('outbox')
    .select('id')
    .where('in_reply_to', '=', input.inReplyTo)
    .where('kind', '=', input.kind)
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** Queues a reply; returns the existing row's id if this (in_reply_to, kind) was queued before. */
export async function enqueueOutbox(db: Kysely<Schema>, input: OutboxInput): Promise<string> {
  const inserted = await db
    .insertInto('outbox')
    .values(outboxValues(input))
    .onConflict((oc) => oc.columns(['in_reply_to', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted ? inserted.id : existingOutboxId(db, input);
}

export async function findOutbox(db: Kysely<Schema>, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The channel a row is sent through (its conversation's), or undefined when there is no such row. */
export async function outboxChannel(db: Kysely<Schema>, id: string): Promise<ChannelColumn | undefined> {
  const row = await db
    .selectFrom('outbox')
    .innerJoin('conversations', 'conversations.id', 'outbox.conversation_id')
    .select('conversations.channel')
    .where('outbox.id', '=', id)
    .executeTakeFirst();
  return row?.channel;
}

export async function outboxIdsFor(db: Kysely<Schema>, inReplyTo: string): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('id').where('in_reply_to', '=', inReplyTo).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * sending → pending (will be retried) or → dead (will not), keeping the reason for agents. Only
 * the attempt holding `sendToken` may release the row.
 */
export async function releaseAfterFailure(db: Kysely<Schema>, id: string, sendToken: string, to: 'pending' | 'dead', error: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: to, last_error: error.slice(0, 1000), next_attempt_at: null, send_token: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('send_token', '=', sendToken)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Rows whose delivery never finished (for recovery at startup). */
export async function listUnfinishedOutbox(db: Kysely<Schema>): Promise<string[]> {
  const rows = await db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Rows the sweeper queues again: pending since before `olderThan` (their job was lost), or in
 * 'sending' with a lease that ran out (their worker died). Oldest first.
 */
export async function listStuckOutbox(db: Kysely<Schema>, olderThan: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('created_at', '<', olderThan)]),
        eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<', sql<Date>`now()`)]),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
