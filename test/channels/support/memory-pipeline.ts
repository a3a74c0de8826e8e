// An in-memory MessagePipeline double for channel tests. It honours the contract the channels
// rely on: dedupe on (channel, externalId) before any await, processInbound idempotent, one
// outbox row per reply, takeOutboxForInlineDelivery claims a pending row exactly once.
import type { Decision, Reply } from '../../../bot/types';
import type { InboundMessage, OutboundReply, RejectedInbound } from '../../../pipeline/channel';
import type { IngestResult, MessagePipeline, ProcessedInbound, ThreadOfConversation } from '../../../pipeline/types';
import type { StoredMessage } from '../../../store/stored-message';

export type Decide = (message: InboundMessage) => Decision | null;

export interface MemoryPipelineOptions {
  readonly decide?: Decide;
  /** Simulated triage time (ms). */
  readonly processDelayMs?: number;
}

interface OutboxRow {
  readonly reply: OutboundReply;
  readonly conversationId: string;
  status: 'pending' | 'sent';
}

export function decision(action: Decision['action'], reply?: Reply, intent = 'faq.test'): Decision {
  return {
    intent,
    confidence: 0.9,
    topK: [{ intent, confidence: 0.9 }],
    entities: [],
    pii: [],
    language: 'ko',
    action,
    ...(reply ? { reply } : {}),
    modelVersion: 'test',
  };
}

/** Default triage: answer every message with a fixed FAQ reply and one link. */
export const answerEverything: Decide = () =>
  decision('auto_answer', {
    text: '정부24에서 온라인으로 신청할 수 있어요.',
    links: [{ label: '정부24 바로가기', url: 'https://www.gov.kr' }],
  });

export class MemoryPipeline implements MessagePipeline {
  readonly messages = new Map<string, { message: InboundMessage; conversationId: string }>();
  readonly outbox = new Map<string, OutboxRow>();
  /** Message ids queued for the inbound job (ingest with enqueue !== false), in order. */
  readonly enqueued: string[] = [];
  ingestCalls = 0;
  /** Events refused at parsing, as rejectEvent() was told about them. */
  readonly rejectedEvents: RejectedInbound[] = [];
  private readonly byKey = new Map<string, string>();
  private readonly processed = new Map<string, Promise<ProcessedInbound>>();
  private readonly conversations = new Map<string, string>();
  private readonly transcript = new Map<string, StoredMessage[]>();
  private nextId = 1;

  constructor(private readonly options: MemoryPipelineOptions = {}) {}

  async rejectEvent(event: RejectedInbound): Promise<void> {
    this.rejectedEvents.push(event);
  }

  async ingest(message: InboundMessage, options?: { enqueue?: boolean }): Promise<IngestResult> {
    this.ingestCalls++;
    const key = `${message.channel}\u0000${message.externalId}`;
    const existing = this.byKey.get(key);
    if (existing) {
      return { messageId: existing, conversationId: this.messages.get(existing)!.conversationId, duplicate: true };
    }
    const messageId = `m${this.nextId++}`;
    this.byKey.set(key, messageId);
    const threadKey = `${message.channel}\u0000${message.threadKey}`;
    let conversationId = this.conversations.get(threadKey);
    if (!conversationId) {
      conversationId = `c${this.nextId++}`;
      this.conversations.set(threadKey, conversationId);
    }
    this.messages.set(messageId, { message, conversationId });
    this.record(conversationId, messageId, 'in', 'citizen', message.text, []);
    if (options?.enqueue !== false) this.enqueued.push(messageId);
    return { messageId, conversationId, duplicate: false };
  }

  processInbound(messageId: string): Promise<ProcessedInbound> {
    let result = this.processed.get(messageId);
    if (!result) {
      result = this.triage(messageId);
      this.processed.set(messageId, result);
    }
    return result;
  }

  private async triage(messageId: string): Promise<ProcessedInbound> {
    const stored = this.messages.get(messageId);
    if (!stored) throw new Error(`unknown message ${messageId}`);
    if (this.options.processDelayMs) await new Promise((r) => setTimeout(r, this.options.processDelayMs));
    const { message, conversationId } = stored;
    const d = (this.options.decide ?? answerEverything)(message);
    const outboxIds: string[] = [];
    if (d?.reply) {
      const outboxId = `o${this.nextId++}`;
      outboxIds.push(outboxId);
      this.outbox.set(outboxId, {
        status: 'pending',
        conversationId,
        reply: {
          channel: message.channel,
          outboxId,
          userId: message.userId,
          isPublic: message.isPublic,
          text: d.reply.text,
          links: d.reply.links,
          ...(d.reply.quickReplies ? { quickReplies: d.reply.quickReplies } : {}),
          authoredBy: 'bot',
          replyTarget: message.replyTarget,
          lastInboundAt: message.sentAt,
        },
      });
    }
    const handoff = d && (d.action === 'handoff' || d.action === 'urgent');
    return { messageId, conversationId, decision: d, outboxIds, ...(handoff ? { ticketId: `t-${messageId}` } : {}) };
  }

  async takeOutboxForInlineDelivery(outboxId: string): Promise<OutboundReply | null> {
    const row = this.outbox.get(outboxId);
    if (!row || row.status !== 'pending') return null;
    row.status = 'sent';
    this.record(row.conversationId, outboxId, 'out', 'bot', row.reply.text, row.reply.links);
    return row.reply;
  }

  async findThread(conversationId: string): Promise<ThreadOfConversation | null> {
    for (const { message, conversationId: id } of this.messages.values()) {
      if (id === conversationId) return { channel: message.channel, threadKey: message.threadKey, userId: message.userId };
    }
    return null;
  }

  async listMessages(conversationId: string, options?: { afterId?: string }): Promise<StoredMessage[]> {
    const all = this.transcript.get(conversationId) ?? [];
    if (!options?.afterId) return [...all];
    const at = all.findIndex((m) => m.id === options.afterId);
    return at < 0 ? [...all] : all.slice(at + 1);
  }

  /** Pending outbox rows, as the outbound job would pick them up. */
  pendingReplies(): OutboundReply[] {
    return [...this.outbox.values()].filter((r) => r.status === 'pending').map((r) => r.reply);
  }

  private record(conversationId: string, id: string, direction: 'in' | 'out', author: 'citizen' | 'bot', text: string, links: StoredMessage['links']): void {
    const list = this.transcript.get(conversationId) ?? [];
    list.push({ id, conversationId, direction, author, text, links, createdAt: new Date().toISOString() });
    this.transcript.set(conversationId, list);
  }
}
