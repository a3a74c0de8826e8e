// The message pipeline, composed from its steps (ingest, process-inbound, deliver-outbound,
// recover) over the store and the job queue. See design.md "The way a message travels".
import { CHANNEL_IDS, type ChannelId, type ChannelSender } from './channel';
import { UnrecoverableJobError } from '../jobs/types';
import { isConnectionError } from '../store/connection-errors';
import { findThread } from '../store/conversation-repository';
import { listConversationMessages, markInboundDead } from '../store/message-repository';
import { DEFAULT_INBOUND_WORKER, DEFAULT_OUTBOUND_WORKER, DEFAULT_SEND_LANES, DEFAULT_SEND_LEASE_MS, type PipelineDeps, type WorkerSettings } from './deps';
import { deliverOutbound, routeToSendLane, takeOutboxForInlineDelivery } from './deliver-outbound';
import { ingest, rejectEvent } from './ingest';
import { processInbound } from './process-inbound';
import { recover, type Recovered } from './recover';
import { DEFAULT_STUCK_AFTER_MS, DEFAULT_SWEEP_INTERVAL_MS, sweep, type SweepSettings, type Swept } from './sweep';
import { toStoredMessage } from '../store/stored-message';
import type { MessagePipeline } from './types';
import { DEFAULT_ATTEMPTS } from '../jobs/retry-policy';

export interface Pipeline extends MessagePipeline {
  /**
   * Starts the `inbound`, `outbound` and `sweep` workers in this process, and the sweeper's
   * schedule. Returns a function that stops re-creating the schedule (call on shutdown).
   */
  registerWorkers(senders: ReadonlyMap<ChannelId, ChannelSender>, settings?: WorkerSettings): () => void;
  /** Re-enqueues unfinished inbound messages and outbox rows; call once at startup. */
  recover(): Promise<Recovered>;
  /** Re-enqueues work stuck past `stuckAfterMs` (what the `sweep` job runs). */
  sweep(settings: SweepSettings): Promise<Swept>;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  return {
    ingest: (message, options) => ingest(deps, message, options),
    rejectEvent: (event) => rejectEvent(deps, event),
    processInbound: (messageId) => processInbound(deps, messageId),
    takeOutboxForInlineDelivery: (outboxId) => takeOutboxForInlineDelivery(deps, outboxId),
    async findThread(conversationId) {
      const thread = await findThread(deps.database.db, conversationId);
      return thread ? { channel: thread.channel, threadKey: thread.threadKey, userId: thread.platformUserId } : null;
    },
    async listMessages(conversationId, options) {
      const rows = await listConversationMessages(deps.database.db, conversationId, options?.afterId);
      return rows.map(toStoredMessage);
    },

    registerWorkers(senders, settings = {}) {
      const inbound = { ...DEFAULT_INBOUND_WORKER, ...settings.inbound };
      const outbound = { ...DEFAULT_OUTBOUND_WORKER, ...settings.outbound };
      const inboundAttempts = inbound.attempts ?? DEFAULT_ATTEMPTS;
      deps.jobs.process(
        'inbound',
        async ({ messageId }, ctx) => {
          try {
            await processInbound(deps, messageId);
          } catch (error) {
            // A database that went away is waited out: the sweeper queues the message again.
            if (isConnectionError(error) || (!(error instanceof UnrecoverableJobError) && ctx.attempt < inboundAttempts)) throw error;
            // Failed the same way on every try (or can never work): set aside as dead, so neither
            // the sweeper nor a restart retries it forever; the messages behind it go on.
            const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
            if (await markInboundDead(deps.database.db, messageId, `${reason} (attempt ${ctx.attempt})`)) {
              deps.logger?.error('inbound message dead: processing failed on every attempt', { messageId, attempts: ctx.attempt, error: reason });
            }
          }
        },
        inbound,
      );
      const outboundSettings = {
        senders,
        attempts: outbound.attempts ?? DEFAULT_ATTEMPTS,
        sendLeaseMs: settings.sendLeaseMs ?? DEFAULT_SEND_LEASE_MS,
      };
      const lanes = Object.fromEntries(CHANNEL_IDS.map((channel) => [channel, { ...DEFAULT_SEND_LANES[channel], ...settings.sendLanes?.[channel] }]));
      // Jobs queued without their channel (sweeper, recovery, agent replies) arrive in the default
      // lane and are moved to their channel's lane; only the channel lanes send.
      deps.jobs.process(
        'outbound',
        ({ outboxId }, ctx) => (ctx.lane === undefined ? routeToSendLane(deps, outboxId) : deliverOutbound(deps, outboundSettings, outboxId, ctx)),
        { ...outbound, lanes },
      );
      const sweepSettings = { stuckAfterMs: settings.sweep?.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS };
      deps.jobs.process('sweep', async () => void (await sweep(deps, sweepSettings)), { concurrency: 1, attempts: 1 });
      return deps.jobs.every('sweep', settings.sweep?.everyMs ?? DEFAULT_SWEEP_INTERVAL_MS);
    },

    recover: () => recover(deps),
    sweep: (settings) => sweep(deps, settings),
  };
}
