// The inbound hot path, one statement per step. Every message used to cost ~17 round trips
// (contact, conversation and message each on their own, then a dozen reads and writes to triage
// it); under 50 concurrent Kakao requests those round trips were the whole latency. Each function
// here folds a step into one statement with data-modifying CTEs, which PostgreSQL (and PGlite)
// runs atomically, so no transaction and no read-after-write select is needed.
import { sql, type Insertable, type Kysely } from 'kysely';
import { cachedStatement } from './cached-statement';
import { decisionValues, toDecision, type DecisionJson } from './decision-repository';
import type { Decision } from '../bot/types';
import { newId } from './ids';
import { toJson } from './json';
import type { MessageRow } from './message-repository';
import { existingOutboxId, outboxValues, type OutboxInput } from './outbox-repository';
import type { ChannelColumn, ContactsTable, DecisionsTable, MessageStatus, OutboxTable, Schema } from './schema';

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

const storeInboundStatement = cachedStatement(
  (
    db,
    p: {
      contact: Insertable<ContactsTable>;
      conversationId: string;
      messageId: string;
      channel: ChannelColumn;
      threadKey: string;
      isPublic: boolean;
      sentAt: Date;
      now: Date;
      text: string;
      piiTypes: string[];
      externalId: string;
      links: string;
      replyTarget: string;
    },
  ) =>
    db
      .with('contact', (q) =>
        q
          .insertInto('contacts')
          .values(p.contact)
          .onConflict((oc) =>
            oc.columns(['channel', 'platform_user_id']).doUpdateSet((eb) => ({
              // Keep what we knew when the platform omits it this time.
              handle: eb.fn.coalesce('excluded.handle', 'contacts.handle'),
              display_name: eb.fn.coalesce('excluded.display_name', 'contacts.display_name'),
              updated_at: p.now,
            })),
          )
          .returning('id'),
      )
      .with('conversation', (q) =>
        q
          .insertInto('conversations')
          .values((eb) => ({
            id: p.conversationId,
            channel: p.channel,
            thread_key: p.threadKey,
            contact_id: eb.selectFrom('contact').select('contact.id'),
            is_public: p.isPublic,
            language: null,
            last_inbound_at: p.sentAt,
          }))
          .onConflict((oc) =>
            oc.columns(['channel', 'thread_key']).doUpdateSet({
              last_inbound_at: sql`greatest(conversations.last_inbound_at, excluded.last_inbound_at)`,
              updated_at: p.now,
            }),
          )
          .returning('id'),
      )
      .with('inserted', (q) =>
        q
          .insertInto('messages')
          .columns([
            'id',
            'conversation_id',
            'channel',
            'direction',
            'author',
            'text',
            'pii_types',
            'external_id',
            'status',
            'links',
            'reply_target',
            'outbox_id',
            'ticket_id',
            'sent_at',
          ])
          .expression((eb) =>
            eb
              .selectFrom('conversation')
              .select([
                eb.val(p.messageId).as('id'),
                'conversation.id as conversation_id',
                eb.val(p.channel).as('channel'),
                sql.lit('in').as('direction'),
                sql.lit('citizen').as('author'),
                eb.val(p.text).as('text'),
                eb.val(p.piiTypes).as('pii_types'),
                eb.val(p.externalId).as('external_id'),
                sql.lit('received').as('status'),
                eb.val(p.links).as('links'),
                eb.val(p.replyTarget).as('reply_target'),
                sql.lit(null).as('outbox_id'),
                sql.lit(null).as('ticket_id'),
                eb.val(p.sentAt).as('sent_at'),
              ])
              // A copy already stored is not inserted again, so this statement never waits on the
              // unique index for a worker that is updating that row, while holding the
              // conversation's row lock the worker needs next (a deadlock PostgreSQL broke by
              // failing the webhook).
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('messages as stored')
                      .select('stored.id')
                      .where('stored.channel', '=', p.channel)
                      .where('stored.external_id', '=', p.externalId)
                      .where('stored.direction', '=', sql.lit('in')),
                  ),
                ),
              ),
          )
          // A literal, not a parameter: the partial unique index is inferred from this predicate, and a
          // prepared statement's generic plan cannot see that a parameter is 'in'.
          .onConflict((oc) => oc.columns(['channel', 'external_id']).where('direction', '=', sql.lit('in')).doNothing())
          .returning(['id', 'conversation_id', 'status']),
      )
      .selectFrom('inserted')
      .select(['inserted.id', 'inserted.conversation_id', sql<boolean>`false`.as('duplicate'), 'inserted.status'])
      .unionAll((eb) =>
        eb
          .selectFrom('messages')
          .select(['messages.id', 'messages.conversation_id', sql<boolean>`true`.as('duplicate'), 'messages.status'])
          .where('messages.channel', '=', p.channel)
          .where('messages.external_id', '=', p.externalId)
          .where('messages.direction', '=', 'in'),
      ),
);

/**
 * Upserts the contact and the conversation (last_inbound_at only moves forward) and stores the
 * message unless (channel, external_id) exists, in one statement. The final SELECT runs on the
 * statement's snapshot, so it sees an earlier copy of the message but not the one inserted here.
 */
export async function storeInbound(db: Kysely<Schema>, input: InboundInput): Promise<StoredInbound> {
  const rows = await storeInboundStatement(db, {
    contact: {
      id: newId(),
      channel: input.channel,
      platform_user_id: input.platformUserId,
      handle: input.handle ?? null,
      display_name: input.displayName ?? null,
    },
    conversationId: newId(),
    messageId: newId(),
    channel: input.channel,
    threadKey: input.threadKey,
    isPublic: input.isPublic,
    sentAt: input.sentAt,
    now: new Date(),
    text: input.text,
    piiTypes: [...input.piiTypes],
    externalId: input.externalId,
    links: toJson((input.media ?? []).map((m) => ({ label: m.kind, url: m.url }))),
    replyTarget: toJson(input.replyTarget),
  });
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

/** A conversation's latest ticket: what the reopen rule and bot silence go by. */
export interface LatestTicket {
  readonly id: string;
  readonly status: string;
  readonly resolvedAt: Date | null;
  /** The resolving agent asked to keep the thread. */
  readonly keepThread?: boolean;
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
    /** The thread's latest ticket, if it ever had one. */
    readonly latestTicket: LatestTicket | undefined;
    /** The topics our last reply on this thread offered (it asked which one), if it did. */
    readonly pendingChoices: string[] | undefined;
  };
  /** Stored by an earlier, interrupted attempt. */
  readonly decision: Decision | undefined;
}

const startInboundWorkStatement = cachedStatement((db, p: { messageId: string }) =>
  db
    .with('moved', (q) =>
      q
        .updateTable('messages')
        .set({ status: 'processing' })
        .where('id', '=', p.messageId)
        .where('direction', '=', 'in')
        .where('status', '=', 'received')
        .returning('id'),
    )
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .leftJoin('decisions as d', 'd.message_id', 'm.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('tickets')
          .select(['tickets.id', 'tickets.status', 'tickets.resolved_at', 'tickets.keep_thread'])
          .whereRef('tickets.conversation_id', '=', 'm.conversation_id')
          .orderBy('tickets.created_at', 'desc')
          .orderBy('tickets.id', 'desc')
          .limit(1)
          .as('t'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('decisions as pd')
          .innerJoin('messages as pm', 'pm.id', 'pd.message_id')
          .select(['pd.action', 'pd.dialog'])
          .whereRef('pm.conversation_id', '=', 'm.conversation_id')
          .whereRef('pm.id', '!=', 'm.id')
          .orderBy('pd.created_at', 'desc')
          .limit(1)
          .as('p'),
      (join) => join.onTrue(),
    )
    .selectAll('m')
    .select([
      'c.is_public as conversation_is_public',
      'c.language as conversation_language',
      'c.out_of_scope_streak as conversation_out_of_scope_streak',
      // The decision row as JSON: its timestamps are not read, every other column survives as is.
      sql<DecisionJson | null>`to_jsonb(d)`.as('decision'),
      't.id as ticket_id_latest',
      't.status as ticket_status_latest',
      't.resolved_at as ticket_resolved_at_latest',
      't.keep_thread as ticket_keep_thread_latest',
      'p.action as previous_action',
      'p.dialog as previous_dialog',
    ])
    .where('m.id', '=', p.messageId),
);

/**
 * Everything processInbound needs in one read (the message, its thread, the thread's latest ticket
 * and our previous decision on it), moving the message from received to processing on the way
 * (the returned row still shows the status it had before).
 */
export async function startInboundWork(db: Kysely<Schema>, messageId: string): Promise<InboundWork | undefined> {
  const [row] = await startInboundWorkStatement(db, { messageId });
  if (!row) return undefined;
  const {
    conversation_is_public,
    conversation_language,
    conversation_out_of_scope_streak,
    decision,
    ticket_id_latest,
    ticket_status_latest,
    ticket_resolved_at_latest,
    ticket_keep_thread_latest,
    previous_action,
    previous_dialog,
    ...message
  } = row;
  const choices = previous_action === 'clarify' ? previous_dialog?.choices : undefined;
  return {
    message,
    conversation: {
      id: message.conversation_id,
      channel: message.channel,
      isPublic: conversation_is_public,
      language: conversation_language,
      outOfScopeStreak: conversation_out_of_scope_streak,
      latestTicket: ticket_id_latest
        ? { id: ticket_id_latest, status: ticket_status_latest!, resolvedAt: ticket_resolved_at_latest ?? null, keepThread: ticket_keep_thread_latest ?? false }
        : undefined,
      pendingChoices: choices && choices.length > 0 ? choices : undefined,
    },
    decision: decision ? toDecision(decision) : undefined,
  };
}

export interface Outcome {
  readonly outOfScope: boolean;
  readonly language?: string;
}

/** A decision not stored yet: finishInbound stores it in the same statement. */
export interface NewDecision {
  readonly decision: Decision;
  readonly latencyUs: number;
}

/** What finishInbound's statement does, besides moving the status: one cached statement each. */
interface FinishShape extends Readonly<Record<string, string | boolean>> {
  readonly decision: boolean;
  readonly reply: boolean;
  /** No outcome: the message joined a ticket, nothing to count. */
  readonly outcome: 'none' | 'in_scope' | 'out_of_scope';
  readonly language: boolean;
}

const finishInboundStatement = cachedStatement(
  (
    db,
    p: {
      messageId: string;
      now: Date;
      language: string | undefined;
      decision: Insertable<DecisionsTable> | undefined;
      outbox: Insertable<OutboxTable> | undefined;
    },
    shape: FinishShape,
  ) => {
    return db
      .with('decided', (q) =>
        shape.decision
          ? q
              .insertInto('decisions')
              .values(p.decision!)
              .onConflict((oc) => oc.column('message_id').doNothing())
              .returning('message_id')
          : // Nothing to store (stored earlier, or the message only joins a ticket): the step goes on.
            q.selectNoFrom(sql<string>`${p.messageId}::text`.as('message_id')),
      )
      .with('moved', (q) =>
        q
          .updateTable('messages')
          .set({ status: 'processed' })
          .where('id', '=', p.messageId)
          .where('direction', '=', 'in')
          .where('status', 'in', ['received', 'processing'])
          .where('id', 'in', (eb) => eb.selectFrom('decided').select('decided.message_id'))
          .returning('conversation_id'),
      )
      .with('counted', (q) =>
        q
          .updateTable('conversations')
          .set((eb) => ({
            out_of_scope_streak: shape.outcome === 'out_of_scope' ? eb('out_of_scope_streak', '+', 1) : 0,
            ...(shape.language ? { language: p.language! } : {}),
            updated_at: p.now,
          }))
          .where((eb) => (shape.outcome !== 'none' ? eb('id', 'in', eb.selectFrom('moved').select('moved.conversation_id')) : eb.lit(false)))
          .returning('id'),
      )
      .with('queued', (q) => {
        if (!shape.reply) return q.selectNoFrom(sql<string | null>`null::text`.as('id')).where(sql<boolean>`false`);
        // Only with the status moved: a message another attempt finished keeps that attempt's reply.
        const values = p.outbox!;
        const columns = Object.keys(values) as (keyof typeof values)[];
        return q
          .insertInto('outbox')
          .columns(columns)
          .expression((eb) => eb.selectFrom('moved').select(columns.map((column) => eb.val(values[column]).as(column))))
          .onConflict((oc) => oc.columns(['in_reply_to', 'kind']).doNothing())
          .returning('id');
      })
      .selectNoFrom((eb) => [
        eb.selectFrom('decided').select('decided.message_id').as('decided'),
        eb.selectFrom('queued').select('queued.id').as('queued'),
        eb.selectFrom('counted').select('counted.id').as('counted'),
      ]);
  },
);

/**
 * Marks the message processed and queues its reply in one statement, storing its decision too
 * when given one. The conversation's counters move only if this statement moved the status, so a
 * retry cannot count a decision twice. Returns the outbox id (the existing one if the reply was
 * queued before), or undefined without a reply. If another attempt stored a decision for the
 * message first, nothing is written and it throws: the retry goes on with the stored decision.
 */
export async function finishInbound(
  db: Kysely<Schema>,
  input: { readonly messageId: string; readonly outcome?: Outcome; readonly reply?: OutboxInput; readonly decision?: NewDecision },
): Promise<string | undefined> {
  const { messageId, outcome, reply, decision } = input;
  const shape: FinishShape = {
    decision: decision !== undefined,
    reply: reply !== undefined,
    outcome: !outcome ? 'none' : outcome.outOfScope ? 'out_of_scope' : 'in_scope',
    language: Boolean(outcome?.language),
  };
  const [result] = await finishInboundStatement(
    db,
    {
      messageId,
      now: new Date(),
      language: outcome?.language,
      decision: decision ? decisionValues(messageId, decision.decision, decision.latencyUs) : undefined,
      outbox: reply ? outboxValues(reply) : undefined,
    },
    shape,
  );
  if (!result) throw new Error(`message ${messageId}: finishing it returned no row`);
  if (!result.decided) throw new Error(`message ${messageId}: another attempt stored its decision first; retrying with that one`);
  if (!reply) return undefined;
  return result.queued ?? existingOutboxId(db, reply);
}
