// The message pipeline as the server and the channels see it. Implemented in pipeline/ over the
// store and the job queue; see design.md "The way a message travels".
import type { ConversationContext, Decision } from '../bot/types';
import type { InboundMessage, OutboundReply, RejectedInbound } from './channel';
import type { StoredMessage } from '../store/stored-message';

/** triage() bound to the current model and catalog. Pure: no I/O. */
export type TriageFn = (text: string, conversation: ConversationContext) => Decision;

export interface IngestResult {
  readonly messageId: string;
  readonly conversationId: string;
  /** The same (channel, externalId) was stored before: nothing new was stored or queued. */
  readonly duplicate: boolean;
}

export interface ProcessedInbound {
  readonly messageId: string;
  readonly conversationId: string;
  /** null when the bot stayed silent because a person owns the thread. */
  readonly decision: Decision | null;
  /** Outbox rows created for this message (replies queued for sending). */
  readonly outboxIds: readonly string[];
  /** Set when the message opened or joined a handoff ticket. */
  readonly ticketId?: string;
}

export interface ThreadOfConversation {
  readonly channel: InboundMessage['channel'];
  readonly threadKey: string;
  readonly userId: string;
}

export interface MessagePipeline {
  /**
   * Store one inbound message (PII redacted, deduplicated on channel + externalId) and, unless
   * `enqueue` is false, queue the `inbound` job for it. Safe to call again with the same message.
   */
  ingest(message: InboundMessage, options?: { enqueue?: boolean }): Promise<IngestResult>;
  /** Record a platform event refused as given (its reason, never its content), for the dead-letter view. */
  rejectEvent(event: RejectedInbound): Promise<void>;
  /** Triage a stored message and act on the decision. Idempotent: a second call returns the first result. */
  processInbound(messageId: string): Promise<ProcessedInbound>;
  /**
   * Claim a pending outbox row to deliver it in the HTTP response itself (Kakao skill answer).
   * Marks it sent; returns null if it was already sent or claimed by the outbound job.
   */
  takeOutboxForInlineDelivery(outboxId: string): Promise<OutboundReply | null>;
  /** The thread a conversation belongs to (channel, thread key, the citizen's platform id), or null. */
  findThread(conversationId: string): Promise<ThreadOfConversation | null>;
  /** A conversation's transcript, oldest first; `afterId` returns only newer messages. */
  listMessages(conversationId: string, options?: { afterId?: string }): Promise<StoredMessage[]>;
}
