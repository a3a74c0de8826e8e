// Sending outbox rows: the `outbound` job, and the inline path where a Kakao skill answer carries
// the reply in its HTTP response. Either way a sent row is recorded once in the transcript and
// announced to the live console.
//
// At most one send. A row is sent only by the attempt holding its send token and lease, and the
// senders' HTTP timeouts are far shorter than the lease, so a slow attempt and the one that takes
// over after the lease never both send. When the send succeeded but marking the row sent fails
// (the database blipped), the MARK is retried until the lease is nearly over; the send is not.
// One window remains: the process killed between the platform accepting the reply and the mark
// committing. That row is taken again after its lease and sent a second time. The fault suite
// measures it (test/faults, bench/faults.ts).
import type { ChannelId, ChannelSender, OutboundReply } from './channel';
import { PermanentSendError, RetryableSendError } from './send-errors';
import { RateLimitedJobError, UnrecoverableJobError, type JobContext } from '../jobs/types';
import { markSentAndRecord, takeForSending, type OutboxWithThread, type RecordedOutbound } from '../store/outbound-writes';
import { findOutbox, outboxChannel, releaseAfterFailure, type OutboxRow } from '../store/outbox-repository';
import { isConnectionError } from '../store/connection-errors';
import { consoleLogger, type PipelineDeps } from './deps';

export interface OutboundSettings {
  readonly senders: ReadonlyMap<ChannelId, ChannelSender>;
  /** The worker's attempt limit: the attempt that reaches it dead-letters a retryable failure. */
  readonly attempts: number;
  readonly sendLeaseMs: number;
}

const now = (deps: PipelineDeps) => (deps.now ?? (() => new Date()))();

/** What the channel sender needs, from the row and its thread. */
function toReply(row: OutboxWithThread): OutboundReply {
  return {
    channel: row.thread_channel,
    outboxId: row.id,
    userId: row.thread_platform_user_id,
    isPublic: row.is_public,
    text: row.text,
    links: row.links,
    ...(row.quick_replies ? { quickReplies: row.quick_replies } : {}),
    authoredBy: row.authored_by,
    replyTarget: row.reply_target,
    lastInboundAt: row.thread_last_inbound_at ?? row.created_at,
  };
}

/** Tells the console about a reply added to the transcript (once per outbox row). */
async function publishSent(deps: PipelineDeps, row: OutboxRow, recorded: RecordedOutbound | undefined): Promise<void> {
  if (!recorded) return;
  await deps.events.publish({
    type: 'message.created',
    conversationId: row.conversation_id,
    message: {
      id: recorded.id,
      conversationId: row.conversation_id,
      direction: 'out',
      author: row.authored_by,
      text: row.text,
      links: row.links.map((l) => ({ label: l.label, url: l.url })),
      createdAt: recorded.created_at.toISOString(),
    },
  });
}

/** The default `outbound` lane's handler: moves the job to its channel's send lane. */
export async function routeToSendLane(deps: PipelineDeps, outboxId: string): Promise<void> {
  const channel = await outboxChannel(deps.database.db, outboxId);
  if (!channel) throw new UnrecoverableJobError(`no outbox row ${outboxId}`);
  await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId, lane: channel });
}

/** The `outbound` job handler of a channel's send lane. */
export async function deliverOutbound(deps: PipelineDeps, settings: OutboundSettings, outboxId: string, ctx: JobContext): Promise<void> {
  const { db } = deps.database;
  const logger = deps.logger ?? consoleLogger;
  const row = await takeForSending(db, outboxId, settings.sendLeaseMs);
  if (!row) {
    const current = await findOutbox(db, outboxId);
    if (!current) throw new UnrecoverableJobError(`no outbox row ${outboxId}`);
    if (current.status === 'sending' && current.next_attempt_at) {
      // Another worker holds the lease (or held it and died): look again when it runs out.
      throw new RateLimitedJobError(`outbox ${outboxId} is being sent elsewhere`, Math.max(100, current.next_attempt_at.getTime() - Date.now() + 50));
    }
    return; // sent (perhaps inline) or dead: nothing to do
  }

  const reply = toReply(row);
  const sender = settings.senders.get(reply.channel);
  const token = row.send_token!;
  if (!sender) {
    await releaseAfterFailure(db, row.id, token, 'dead', `no_sender: no sender configured for channel ${reply.channel}`);
    logger.error('outbox row dead: no sender for channel', { outboxId, channel: reply.channel });
    return;
  }
  const leaseEnds = Date.now() + settings.sendLeaseMs;
  await deps.checkpoint?.('before-send', outboxId);

  let externalId: string | null;
  try {
    externalId = (await sender.send(reply)).externalId ?? null;
  } catch (error) {
    await handleSendFailure(deps, settings, row, token, error, ctx);
    return;
  }
  await deps.checkpoint?.('after-send', outboxId);

  const mark = { id: row.id, from: 'sending' as const, sendToken: token, externalId, sentAt: now(deps) };
  const sent = await retryMark(
    () => markSentAndRecord(db, mark),
    leaseEnds,
    (error, tries) => logger.warn('reply sent but not yet marked sent; retrying the mark', { outboxId, tries, error: String(error) }),
  );
  if (!sent) return;
  try {
    await publishSent(deps, sent.row, sent.recorded);
  } catch (error) {
    // The reply is sent and recorded; a console that missed the live event reads the transcript.
    logger.warn('live event for a sent reply not published', { outboxId, error: String(error) });
  }
}

/** Gaps between tries of the mark; the last one repeats until the lease is nearly over. */
const MARK_RETRY_MS = [100, 250, 500, 1000, 2000, 5000] as const;
/** Stop retrying the mark this long before the lease ends, so no other attempt can take the row meanwhile. */
const MARK_MARGIN_MS = 5000;

async function retryMark<T>(mark: () => Promise<T>, leaseEnds: number, onRetry: (error: unknown, tries: number) => void): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await mark();
    } catch (error) {
      const wait = MARK_RETRY_MS[Math.min(tries - 1, MARK_RETRY_MS.length - 1)]!;
      if (!isConnectionError(error) || Date.now() + wait > leaseEnds - MARK_MARGIN_MS) {
        // Out of lease: the row will be taken again and re-sent. This is the documented window.
        throw new UnrecoverableJobError(`sent but could not mark the row sent: ${(error as Error).message}`);
      }
      onRetry(error, tries);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function handleSendFailure(
  deps: PipelineDeps,
  settings: OutboundSettings,
  row: OutboxRow,
  token: string,
  error: unknown,
  ctx: JobContext,
): Promise<void> {
  const { db } = deps.database;
  const logger = deps.logger ?? consoleLogger;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof PermanentSendError) {
    await releaseAfterFailure(db, row.id, token, 'dead', `${error.reason}: ${error.message}`);
    logger.warn('outbox row dead: permanent send failure', { outboxId: row.id, reason: error.reason });
    return;
  }
  const lastAttempt = ctx.attempt >= settings.attempts && !(error instanceof RetryableSendError && error.retryAfterMs !== undefined);
  if (lastAttempt) {
    await releaseAfterFailure(db, row.id, token, 'dead', `gave_up after ${ctx.attempt} attempts: ${text}`);
    logger.warn('outbox row dead: attempts exhausted', { outboxId: row.id, attempts: ctx.attempt });
    return;
  }
  await releaseAfterFailure(db, row.id, token, 'pending', text);
  if (error instanceof RetryableSendError && error.retryAfterMs !== undefined) {
    // The platform throttles this app, not this one reply: the channel's whole lane waits.
    throw new RateLimitedJobError(`channel asked to wait: ${error.message}`, error.retryAfterMs, 'lane');
  }
  throw error;
}

/** MessagePipeline.takeOutboxForInlineDelivery. */
export async function takeOutboxForInlineDelivery(deps: PipelineDeps, outboxId: string): Promise<OutboundReply | null> {
  const taken = await markSentAndRecord(deps.database.db, { id: outboxId, from: 'pending', externalId: null, sentAt: now(deps) });
  if (!taken) return null;
  await publishSent(deps, taken.row, taken.recorded);
  return toReply(taken.row);
}
