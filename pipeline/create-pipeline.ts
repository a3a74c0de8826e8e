// The message pipeline, composed from its steps (ingest, process-inbound, deliver-outbound,
// recover) over the store and the job queue. See design.md "The way a message travels".
import type { ChannelId, ChannelSender } from './channel';
import { listConversationMessages } from '../store/message-repository';
import { createBasicHandoff } from './basic-handoff';
import {
  DEFAULT_INBOUND_WORKER,
  DEFAULT_OUTBOUND_WORKER,
  DEFAULT_SEND_LEASE_MS,
  type PipelineDeps,
  type WorkerSettings,
} from './deps';
import { deliverOutbound, takeOutboxForInlineDelivery } from './deliver-outbound';
import { ingest } from './ingest';
import { processInbound } from './process-inbound';
import { recover, type Recovered } from './recover';
import { toStoredMessage } from '../store/stored-message';
import type { MessagePipeline } from './types';
import { DEFAULT_ATTEMPTS } from '../jobs/retry-policy';

export interface Pipeline extends MessagePipeline {
  /** Starts the `inbound` and `outbound` workers in this process. */
  registerWorkers(senders: ReadonlyMap<ChannelId, ChannelSender>, settings?: WorkerSettings): void;
  /** Re-enqueues unfinished inbound messages and outbox rows; call once at startup. */
  recover(): Promise<Recovered>;
}

export function createPipeline(input: PipelineDeps): Pipeline {
  const deps = { ...input, handoff: input.handoff ?? createBasicHandoff(input) };
  return {
    ingest: (message, options) => ingest(deps, message, options),
    processInbound: (messageId) => processInbound(deps, messageId),
    takeOutboxForInlineDelivery: (outboxId) => takeOutboxForInlineDelivery(deps, outboxId),
    async listMessages(conversationId, options) {
      const rows = await listConversationMessages(deps.database.db, conversationId, options?.afterId);
      return rows.map(toStoredMessage);
    },

    registerWorkers(senders, settings = {}) {
      const inbound = { ...DEFAULT_INBOUND_WORKER, ...settings.inbound };
      const outbound = { ...DEFAULT_OUTBOUND_WORKER, ...settings.outbound };
      deps.jobs.process('inbound', async ({ messageId }) => void (await processInbound(deps, messageId)), inbound);
      const outboundSettings = {
        senders,
        attempts: outbound.attempts ?? DEFAULT_ATTEMPTS,
        sendLeaseMs: settings.sendLeaseMs ?? DEFAULT_SEND_LEASE_MS,
      };
      deps.jobs.process('outbound', ({ outboxId }, ctx) => deliverOutbound(deps, outboundSettings, outboxId, ctx), outbound);
    },

    recover: () => recover(deps),
  };
}
