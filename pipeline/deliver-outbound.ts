// Sending outbox rows: the `outbound` job, and the inline path where a Kakao skill answer carries
// the reply in its HTTP response. Either way a sent row is recorded once in the transcript and
// announced to the live console.
import type { Kysely } from 'kysely';
import type { ChannelId, ChannelSender, OutboundReply } from '../channels/types';
import { PermanentSendError, RetryableSendError } from '../channels/errors';
import { RateLimitedJobError, UnrecoverableJobError, type JobContext } from '../jobs/types';
import { insertOutbound, type MessageRow } from '../store/message-repository';
import {
  findOutbox,
  markSent,
  releaseAfterFailure,
  takeForInlineDelivery,
  takeForSending,
  type OutboxRow,
} from '../store/outbox-repository';
import type { Schema } from '../store/schema';
import { consoleLogger, type PipelineDeps } from './deps';
import { toStoredMessage } from './stored-message';

export interface OutboundSettings {
  readonly senders: ReadonlyMap<ChannelId, ChannelSender>;
  /** The worker's attempt limit: the attempt that reaches it dead-letters a retryable failure. */
  readonly attempts: number;
  readonly sendLeaseMs: number;
}

const now = (deps: PipelineDeps) => (deps.now ?? (() => new Date()))();

/** Builds what the channel sender needs from the row, its conversation and its contact. */
async function toReply(db: Kysely<Schema>, row: OutboxRow): Promise<OutboundReply> {
  const thread = await db
    .selectFrom('conversations')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select(['conversations.channel', 'conversations.last_inbound_at', 'contacts.platform_user_id'])
    .where('conversations.id', '=', row.conversation_id)
    .executeTakeFirstOrThrow();
  return {
    channel: thread.channel,
    outboxId: row.id,
    userId: thread.platform_user_id,
    isPublic: row.is_public,
    text: row.text,
    links: row.links,
    ...(row.quick_replies ? { quickReplies: row.quick_replies } : {}),
    authoredBy: row.authored_by,
    replyTarget: row.reply_target,
    lastInboundAt: thread.last_inbound_at ?? row.created_at,
  };
}

/** Adds the sent reply to the transcript and tells the console, once per outbox row. */
function recordSent(db: Kysely<Schema>, reply: OutboundReply, row: OutboxRow, externalId: string | null, sentAt: Date) {
  return insertOutbound(db, {
    conversationId: row.conversation_id,
    channel: reply.channel,
    author: row.authored_by,
    text: row.text,
    links: row.links,
    outboxId: row.id,
    externalId,
    sentAt,
  });
}

async function publishSent(deps: PipelineDeps, message: MessageRow | undefined): Promise<void> {
  if (!message) return;
  await deps.events.publish({ type: 'message.created', conversationId: message.conversation_id, message: toStoredMessage(message) });
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

  const reply = await toReply(db, row);
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

  const sentAt = now(deps);
  const message = await db.transaction().execute(async (tx) => {
    if (!(await markSent(tx, row.id, externalId, sentAt))) return undefined;
    return recordSent(tx, reply, row, externalId, sentAt);
  });
  await publishSent(deps, message);
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
  const sentAt = now(deps);
  const taken = await deps.database.db.transaction().execute(async (tx) => {
    const row = await takeForInlineDelivery(tx, outboxId, sentAt);
    if (!row) return undefined;
    const reply = await toReply(tx, row);
    return { reply, message: await recordSent(tx, reply, row, null, sentAt) };
  });
  if (!taken) return null;
  await publishSent(deps, taken.message);
  return taken.reply;
}
