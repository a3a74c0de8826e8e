// The outbound hot path, one statement per step: claim a row together with what the sender needs
// from its thread, and mark a row sent together with its transcript line. Each used to be a
// transaction of three or four round trips. Status changes stay conditional on the status they
// expect, so two workers (or a worker and an inline Kakao answer) can never both send a row.
import { sql, type Kysely } from 'kysely';
import { cachedStatement } from './cached-statement';
import { newId } from './ids';
import type { OutboxRow } from './outbox-repository';
import type { ChannelColumn, Schema } from './schema';

/** An outbox row with what a channel sender needs from its conversation and contact. */
export interface OutboxWithThread extends OutboxRow {
  readonly thread_channel: ChannelColumn;
  readonly thread_last_inbound_at: Date | null;
  readonly thread_platform_user_id: string;
}

/** The transcript line a sent row became; undefined when it had been recorded before. */
export interface RecordedOutbound {
  readonly id: string;
  readonly created_at: Date;
}

const THREAD_COLUMNS = [
  'c.channel as thread_channel',
  'c.last_inbound_at as thread_last_inbound_at',
  'ct.platform_user_id as thread_platform_user_id',
] as const;

/**
 * pending → sending, with a lease and a fresh send token. A row left in 'sending' by a worker
 * that died is taken again once its lease has run out. Counts the attempt. Undefined when the row
 * is not takeable. Only the holder of the returned row's send_token may finish it.
 */
const takeForSendingStatement = cachedStatement((db, p: { id: string; token: string; lease: string }) =>
  db
    .with('taken', (q) =>
      q
        .updateTable('outbox')
        .set((eb) => ({
          status: 'sending',
          send_token: p.token,
          attempts: eb('attempts', '+', 1),
          next_attempt_at: sql<Date>`now() + ${p.lease}::interval`,
        }))
        .where('id', '=', p.id)
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<', sql<Date>`now()`)])]))
        .returningAll(),
    )
    .selectFrom('taken')
    .innerJoin('conversations as c', 'c.id', 'taken.conversation_id')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .selectAll('taken')
    .select(THREAD_COLUMNS),
);

export async function takeForSending(db: Kysely<Schema>, id: string, leaseMs: number): Promise<OutboxWithThread | undefined> {
  const [row] = await takeForSendingStatement(db, { id, token: newId(), lease: `${Math.ceil(leaseMs)} milliseconds` });
  return row;
}

const markSentStatement = cachedStatement(
  (
    db,
    p: { id: string; from: 'pending' | 'sending'; sendToken: string; externalId: string | null; sentAt: Date; recordId: string },
    from: 'pending' | 'sending',
  ) =>
    db
      .with('sent', (q) =>
        q
          .updateTable('outbox')
          .set((eb) => ({
            status: 'sent',
            external_id: p.externalId,
            sent_at: p.sentAt,
            last_error: null,
            next_attempt_at: null,
            send_token: null,
            ...(from === 'pending' ? { attempts: eb('attempts', '+', 1) } : {}),
          }))
          .where('id', '=', p.id)
          .where('status', '=', p.from)
          .$if(from === 'sending', (q) => q.where('send_token', '=', p.sendToken))
          .returningAll(),
      )
      .with('recorded', (q) =>
        q
          .insertInto('messages')
          .columns(['id', 'conversation_id', 'channel', 'direction', 'author', 'text', 'external_id', 'links', 'outbox_id', 'sent_at'])
          .expression((eb) =>
            eb
              .selectFrom('sent')
              .innerJoin('conversations', 'conversations.id', 'sent.conversation_id')
              .select([
                sql<string>`${p.recordId}::text`.as('id'),
                'sent.conversation_id',
                'conversations.channel',
                sql<'out'>`'out'`.as('direction'),
                'sent.authored_by',
                'sent.text',
                'sent.external_id',
                'sent.links',
                'sent.id as outbox_id',
                'sent.sent_at',
              ]),
          )
          // A second record of the same outbox row is a no-op.
          .onConflict((oc) => oc.column('outbox_id').doNothing())
          .returning(['id', 'created_at']),
      )
      .selectFrom('sent')
      .innerJoin('conversations as c', 'c.id', 'sent.conversation_id')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .leftJoin('recorded', (join) => join.onTrue())
      .selectAll('sent')
      .select(THREAD_COLUMNS)
      .select(['recorded.id as recorded_id', 'recorded.created_at as recorded_created_at']),
);

/**
 * Marks the row sent and adds it to the transcript, in one statement. `from: 'pending'` is the
 * inline path (a Kakao skill answer carries the reply: claiming and sending are the same step, so
 * it counts an attempt); `from: 'sending'` finishes what takeForSending started, and only with its
 * send token. Undefined when the row was not in that state (someone else sent it, or it is dead).
 */
export async function markSentAndRecord(
  db: Kysely<Schema>,
  input:
    | { readonly id: string; readonly from: 'pending'; readonly externalId: string | null; readonly sentAt: Date }
    | { readonly id: string; readonly from: 'sending'; readonly sendToken: string; readonly externalId: string | null; readonly sentAt: Date },
): Promise<{ readonly row: OutboxWithThread; readonly recorded: RecordedOutbound | undefined } | undefined> {
  const [result] = await markSentStatement(
    db,
    {
      id: input.id,
      from: input.from,
      sendToken: input.from === 'sending' ? input.sendToken : '',
      externalId: input.externalId,
      sentAt: input.sentAt,
      recordId: newId(),
    },
    input.from,
  );
  if (!result) return undefined;
  const { recorded_id, recorded_created_at, ...row } = result;
  return { row, recorded: recorded_id && recorded_created_at ? { id: recorded_id, created_at: recorded_created_at } : undefined };
}
