// The inbound hot path, one statement per step. Every message used to cost ~17 round trips
// (contact, conversation and message each on their own, then a dozen reads and writes to triage
// it); under 50 concurrent Kakao requests those round trips were the whole latency. Each function
// here folds a step into one statement with data-modifying CTEs, which PostgreSQL (and PGlite)
// runs atomically, so no transaction and no read-after-write select is needed.
import { sql, type Kysely } from 'kysely';
import { toDecision, type DecisionJson } from './decision-repository';
import type { Decision } from '../bot/types';
import { newId } from './ids';
import { toJson } from './json';
import type { MessageRow } from './message-repository';
import { existingOutboxId, outboxValues, type OutboxInput } from './outbox-repository';
import type { ChannelColumn, MessageStatus, Schema } from './schema';

export interface InboundInput {
  readonly channel: ChannelColumn;
  readonly platformUserId: string;
  readonly handle?: string;
  readonly displayName?: string;
  readonly threadKey: string;
  readonly isPublic: boolean;
  readonly externalId: string;
  /** Already redacted. */
  readonly text: string;
  readonly piiTypes: readonly string[];
  readonly replyTarget: Readonly<Record<string, string>>;
  readonly sentAt: Date;
  /** Platform links to the media the citizen sent, stored in `links` as {label: kind, url}. */
  readonly media?: readonly { readonly kind: string; readonly url: string }[];
}

export interface StoredInbound {
  readonly id: string;
  readonly conversationId: string;
  /** (channel, external_id) was stored before: this call stored nothing new. */
  readonly duplicate: boolean;
  /** The message's processing status ('received' when just stored). */
  readonly status: MessageStatus;
}

/**
 * Upserts the contact and the conversation (last_inbound_at only moves forward) and stores the
 * message unless (channel, external_id) exists, in one statement. The final SELECT runs on the
 * statement's snapshot, so it sees an earlier copy of the message but not the one inserted here.
 */
export async function storeInbound(db: Kysely<Schema>, input: InboundInput): Promise<StoredInbound> {
  const now = new Date();
  const rows = await db
    .with('contact', (q) =>
      q
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
            updated_at: now,
          })),
        )
        .returning('id'),
    )
    .with('conversation', (q) =>
      q
        .insertInto('conversations')
        .values((eb) => ({
          id: newId(),
          channel: input.channel,
          thread_key: input.threadKey,
          contact_id: eb.selectFrom('contact').select('contact.id'),
          is_public: input.isPublic,
          language: null,
          last_inbound_at: input.sentAt,
        }))
        .onConflict((oc) =>
          oc.columns(['channel', 'thread_key']).doUpdateSet({
            last_inbound_at: sql`greatest(conversations.last_inbound_at, excluded.last_inbound_at)`,
            updated_at: now,
          }),
        )
        .returning('id'),
    )
    .with('inserted', (q) =>
      q
        .insertInto('messages')
        .values((eb) => ({
          id: newId(),
          conversation_id: eb.selectFrom('conversation').select('conversation.id'),
          channel: input.channel,
          direction: 'in',
          author: 'citizen',
          text: input.text,
          pii_types: [...input.piiTypes],
          external_id: input.externalId,
          status: 'received',
          links: toJson((input.media ?? []).map((m) => ({ label: m.kind, url: m.url }))),
          reply_target: toJson(input.replyTarget),
          outbox_id: null,
          ticket_id: null,
          sent_at: input.sentAt,
        }))
        .onConflict((oc) => oc.columns(['channel', 'external_id']).where('direction', '=', 'in').doNothing())
        .returning(['id', 'conversation_id', 'status']),
    )
    .selectFrom('inserted')
    .select(['inserted.id', 'inserted.conversation_id', sql<boolean>`false`.as('duplicate'), 'inserted.status'])
    .unionAll((eb) =>
      eb
        .selectFrom('messages')
        .select(['messages.id', 'messages.conversation_id', sql<boolean>`true`.as('duplicate'), 'messages.status'])
        .where('messages.channel', '=', input.channel)
        .where('messages.external_id', '=', input.externalId)
        .where('messages.direction', '=', 'in'),
    )
    .execute();
  const row = rows[0] ?? (await findInboundByExternalId(db, input.channel, input.externalId));
  return { id: row.id, conversationId: row.conversation_id, duplicate: row.duplicate, status: row.status ?? 'received' };
}

/**
 * Only when another transaction stored the same message concurrently: our insert waited for it
 * and did nothing, and our snapshot predates it. A new statement sees it.
 */
async function findInboundByExternalId(db: Kysely<Schema>, channel: ChannelColumn, externalId: string) {
  const row = await db
    .selectFrom('messages')
    .select(['id', 'conversation_id', sql<boolean>`true`.as('duplicate'), 'status'])
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .where('direction', '=', 'in')
    .executeTakeFirstOrThrow();
  return row;
}

export interface InboundWork {
  readonly message: MessageRow;
  /** What triage needs from the thread. */
  readonly conversation: {
    readonly id: string;
    readonly channel: ChannelColumn;
    readonly isPublic: boolean;
    readonly language: string | null;
    readonly outOfScopeStreak: number;
  };
  /** Stored by an earlier, interrupted attempt. */
  readonly decision: Decision | undefined;
}

/**
 * Everything processInbound needs in one read, moving the message from received to processing
 * on the way (the returned row still shows the status it had before).
 */
export async function startInboundWork(db: Kysely<Schema>, messageId: string): Promise<InboundWork | undefined> {
  const row = await db
    .with('moved', (q) =>
      q
        .updateTable('messages')
        .set({ status: 'processing' })
        .where('id', '=', messageId)
        .where('direction', '=', 'in')
        .where('status', '=', 'received')
        .returning('id'),
    )
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .leftJoin('decisions as d', 'd.message_id', 'm.id')
    .selectAll('m')
    .select([
      'c.is_public as conversation_is_public',
      'c.language as conversation_language',
      'c.out_of_scope_streak as conversation_out_of_scope_streak',
      // The decision row as JSON: its timestamps are not read, every other column survives as is.
      sql<DecisionJson | null>`to_jsonb(d)`.as('decision'),
    ])
    .where('m.id', '=', messageId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { conversation_is_public, conversation_language, conversation_out_of_scope_streak, decision, ...message } = row;
  return {
    message,
    conversation: {
      id: message.conversation_id,
      channel: message.channel,
      isPublic: conversation_is_public,
      language: conversation_language,
      outOfScopeStreak: conversation_out_of_scope_streak,
    },
    decision: decision ? toDecision(decision) : undefined,
  };
}

export interface Outcome {
  readonly outOfScope: boolean;
  readonly language?: string;
}

/**
 * Marks the message processed and queues its reply in one statement. The conversation's counters
 * move only if this statement moved the status, so a retry cannot count a decision twice.
 * Returns the outbox id (the existing one if the reply was queued before), or undefined without a reply.
 */
export async function finishInbound(
  db: Kysely<Schema>,
  input: { readonly messageId: string; readonly outcome?: Outcome; readonly reply?: OutboxInput },
): Promise<string | undefined> {
  const now = new Date();
  const { messageId, outcome, reply } = input;
  const statement = db
    .with('moved', (q) =>
      q
        .updateTable('messages')
        .set({ status: 'processed' })
        .where('id', '=', messageId)
        .where('direction', '=', 'in')
        .where('status', 'in', ['received', 'processing'])
        .returning('conversation_id'),
    )
    .with('counted', (q) =>
      q
        .updateTable('conversations')
        .set((eb) => ({
          out_of_scope_streak: outcome?.outOfScope ? eb('out_of_scope_streak', '+', 1) : 0,
          ...(outcome?.language ? { language: outcome.language } : {}),
          updated_at: now,
        }))
        // No outcome (the message joined a ticket): nothing to count.
        .where((eb) => (outcome ? eb('id', 'in', eb.selectFrom('moved').select('moved.conversation_id')) : eb.lit(false)))
        .returning('id'),
    );
  if (!reply) {
    await statement.selectFrom('counted').select('counted.id').execute();
    return undefined;
  }
  const queued = await statement
    .with('queued', (q) =>
      q
        .insertInto('outbox')
        .values(outboxValues(reply))
        .onConflict((oc) => oc.columns(['in_reply_to', 'kind']).doNothing())
        .returning('id'),
    )
    .selectFrom('queued')
    .select('queued.id')
    .executeTakeFirst();
  return queued ? queued.id : existingOutboxId(db, reply);
}
