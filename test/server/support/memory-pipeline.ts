// An in-memory MessagePipeline for server tests that do not need the store: it keeps the
// contract's promises (dedupe on channel + externalId, idempotent processInbound, transcript
// after an id) and, like the outbound job, stores the bot's reply and publishes message.created.
import type { Decision } from '../../../bot/types';
import type { InboundMessage, OutboundReply } from '../../../pipeline/channel';
import type { LiveEvents } from '../../../events/types';
import type { IngestResult, MessagePipeline, ProcessedInbound, TriageFn } from '../../../pipeline/types';
import type { StoredMessage } from '../../../store/stored-message';

export function createMemoryPipeline(triage: TriageFn, events: LiveEvents): MessagePipeline & { readonly stored: StoredMessage[] } {
  const byExternal = new Map<string, IngestResult>();
  const conversations = new Map<string, string>();
  const inbound = new Map<string, { message: InboundMessage; result?: ProcessedInbound }>();
  const stored: StoredMessage[] = [];
  let seq = 0;
  const nextId = () => `m${String(++seq).padStart(6, '0')}`;

  const record = (conversationId: string, direction: 'in' | 'out', author: StoredMessage['author'], text: string, links: StoredMessage['links'] = []) => {
    const message: StoredMessage = { id: nextId(), conversationId, direction, author, text, links, createdAt: new Date().toISOString() };
    stored.push(message);
    return message;
  };

  return {
    stored,
    async ingest(message) {
      const key = `${message.channel}\u0000${message.externalId}`;
      const seen = byExternal.get(key);
      if (seen) return { ...seen, duplicate: true };
      const threadKey = `${message.channel}\u0000${message.threadKey}`;
      let conversationId = conversations.get(threadKey);
      if (!conversationId) {
        conversationId = `c${conversations.size + 1}`;
        conversations.set(threadKey, conversationId);
      }
      const row = record(conversationId, 'in', 'citizen', message.text.replace(/\d{6}-?\d{7}/g, '[RRN]'));
      const result = { messageId: row.id, conversationId, duplicate: false };
      byExternal.set(key, result);
      inbound.set(row.id, { message });
      return result;
    },
    async rejectEvent() {
      // Refused events hold nothing to store; the server tests using this pipeline do not count them.
    },
    async processInbound(messageId) {
      const entry = inbound.get(messageId);
      if (!entry) throw new Error(`no inbound message ${messageId}`);
      if (entry.result) return entry.result;
      const row = stored.find((m) => m.id === messageId)!;
      const decision: Decision = triage(row.text, { channel: entry.message.channel, isPublic: false, recentOutOfScope: 0, now: new Date() });
      const outboxIds: string[] = [];
      if (decision.reply) {
        const reply = decision.reply;
        outboxIds.push(`o${messageId}`);
        // Delivered after the response, as the outbound job would.
        setImmediate(() => {
          const sent = record(row.conversationId, 'out', 'bot', reply.text, reply.links);
          void events.publish({ type: 'message.created', conversationId: row.conversationId, message: sent });
        });
      }
      entry.result = { messageId, conversationId: row.conversationId, decision, outboxIds };
      return entry.result;
    },
    async findThread(conversationId) {
      for (const { message } of inbound.values()) {
        const key = `${message.channel}\u0000${message.threadKey}`;
        if (conversations.get(key) === conversationId) return { channel: message.channel, threadKey: message.threadKey, userId: message.userId };
      }
      return null;
    },
    async takeOutboxForInlineDelivery(): Promise<OutboundReply | null> {
      return null;
    },
    async listMessages(conversationId, options) {
      return stored.filter((m) => m.conversationId === conversationId && (!options?.afterId || m.id > options.afterId));
    },
  };
}

/** A triage table: known texts get their decision, anything else is out of scope. */
export function tableTriage(table: Readonly<Record<string, Partial<Decision>>>): TriageFn {
  return (text) => ({
    intent: 'out_of_scope',
    confidence: 0.2,
    topK: [],
    entities: [],
    pii: [],
    language: 'ko',
    action: 'decline',
    modelVersion: 'm-test',
    ...table[text],
  });
}
