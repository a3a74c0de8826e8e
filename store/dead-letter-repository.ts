// The dead-letter view: work that failed the same way on every attempt and was set aside so the
// messages behind it keep flowing, plus the events a platform sent that could not be stored.
import { sql, type Kysely } from 'kysely';
import { newId } from './ids';
import type { Schema } from './schema';

export interface DeadLetterCounts {
  readonly messages: number;
  readonly outbox: number;
  readonly rejectedEvents: number;
}

export async function countDeadLetters(db: Kysely<Schema>): Promise<DeadLetterCounts> {
  const row = await db
    .selectNoFrom([
      sql<string>`(select count(*) from messages where status = 'dead')`.as('messages'),
      sql<string>`(select count(*) from outbox where status = 'dead')`.as('outbox'),
      sql<string>`(select count(*) from rejected_events)`.as('rejected_events'),
    ])
    .executeTakeFirstOrThrow();
  return { messages: Number(row.messages), outbox: Number(row.outbox), rejectedEvents: Number(row.rejected_events) };
}

export interface RejectedEventInput {
  readonly channel: string;
  readonly externalId: string | null;
  readonly reason: string;
}

export async function recordRejectedEvent(db: Kysely<Schema>, input: RejectedEventInput): Promise<void> {
  await db
    .insertInto('rejected_events')
    .values({ id: newId(), channel: input.channel.slice(0, 32), external_id: input.externalId?.slice(0, 256) ?? null, reason: input.reason.slice(0, 1000) })
    .execute();
}

export interface DeadLetter {
  readonly kind: 'message' | 'outbox';
  readonly id: string;
  readonly conversationId: string;
  readonly error: string | null;
  readonly createdAt: Date;
}

/** The newest dead messages and outbox rows, for the console. */
export async function listDeadLetters(db: Kysely<Schema>, limit: number): Promise<DeadLetter[]> {
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id', 'last_error', 'created_at'])
    .where('status', '=', 'dead')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['id', 'conversation_id', 'last_error', 'created_at'])
    .where('status', '=', 'dead')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return [
    ...messages.map((m) => ({ kind: 'message' as const, id: m.id, conversationId: m.conversation_id, error: m.last_error, createdAt: m.created_at })),
    ...outbox.map((o) => ({ kind: 'outbox' as const, id: o.id, conversationId: o.conversation_id, error: o.last_error, createdAt: o.created_at })),
  ]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, limit);
}

export interface RejectedEvent {
  readonly id: string;
  readonly channel: string;
  readonly externalId: string | null;
  readonly reason: string;
  readonly createdAt: Date;
}

/** The newest platform events refused as given, for the console. */
export async function listRejectedEvents(db: Kysely<Schema>, limit: number): Promise<RejectedEvent[]> {
  const rows = await db.selectFrom('rejected_events').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, channel: r.channel, externalId: r.external_id, reason: r.reason, createdAt: r.created_at }));
}
