// Sending outbox rows: the `outbound` job, and the inline path where a Kakao skill answer carries
// the reply in its HTTP response. Either way a sent row is recorded once in the transcript and
// announced to the live console.
import type { ChannelId, ChannelSender, OutboundReply } from './channel';
import { PermanentSendError, RetryableSendError } from './send-errors';
import { RateLimitedJobError, UnrecoverableJobError, type JobContext } from '../jobs/types';
import { markSentAndRecord, takeForSending, type OutboxWithThread, type RecordedOutbound } from '../store/outbound-writes';
import { findOutbox, releaseAfterFailure, type OutboxRow } from '../store/outbox-repository';
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

/** The `outbound` job handler. */
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
  if (!sender) {
    await releaseAfterFailure(db, row.id, 'dead', `no_sender: no sender configured for channel ${reply.channel}`);
    logger.error('outbox row dead: no sender for channel', { outboxId, channel: reply.channel });
    return;
  }
  await deps.checkpoint?.('before-send', outboxId);

  let externalId: string | null;
  try {
    externalId = (await sender.send(reply)).externalId ?? null;
  } catch (error) {
    await handleSendFailure(deps, settings, row, error, ctx);
    return;
  }
  await deps.checkpoint?.('after-send', outboxId);

  const sent = await markSentAndRecord(db, { id: row.id, from: 'sending', externalId, sentAt: now(deps) });
  if (sent) await publishSent(deps, sent.row, sent.recorded);
}

async function handleSendFailure(deps: PipelineDeps, settings: OutboundSettings, row: OutboxRow, error: unknown, ctx: JobContext): Promise<void> {
  const { db } = deps.database;
  const logger = deps.logger ?? consoleLogger;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof PermanentSendError) {
    await releaseAfterFailure(db, row.id, 'dead', `${error.reason}: ${error.message}`);
    logger.warn('outbox row dead: permanent send failure', { outboxId: row.id, reason: error.reason });
    return;
  }
  const lastAttempt = ctx.attempt >= settings.attempts && !(error instanceof RetryableSendError && error.retryAfterMs !== undefined);
  if (lastAttempt) {
    await releaseAfterFailure(db, row.id, 'dead', `gave_up after ${ctx.attempt} attempts: ${text}`);
    logger.warn('outbox row dead: attempts exhausted', { outboxId: row.id, attempts: ctx.attempt });
    return;
  }
  await releaseAfterFailure(db, row.id, 'pending', text);
  if (error instanceof RetryableSendError && error.retryAfterMs !== undefined) {
    throw new RateLimitedJobError(`channel asked to wait: ${error.message}`, error.retryAfterMs);
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
