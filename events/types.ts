// Live events for the agent console and the citizen chat (server-sent events). Two drivers:
// in-process (single machine) and Redis pub/sub (api and worker in separate processes).
import type { StoredMessage } from '../store/stored-message';

export type LiveEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: StoredMessage }
  | { readonly type: 'ticket.changed'; readonly ticketId: string; readonly conversationId: string; readonly status: string; readonly priority: string }
  /** A surge opened, changed (figures, pinned answer) or closed: surge/surge-service.ts. */
  | {
      readonly type: 'surge.changed';
      readonly surgeId: string;
      readonly status: 'open' | 'closed';
      readonly label: string;
      readonly count: number;
      readonly pinned: boolean;
    }
  /** A trainer saved an intent's answers, links or quick replies: every process reloads its catalog. */
  | { readonly type: 'catalog.changed'; readonly intentId: string };

/** The live events that belong to one conversation. */
export type ConversationEvent = Extract<LiveEvent, { readonly conversationId: string }>;

export const conversationOf = (event: LiveEvent): string | undefined => ('conversationId' in event ? event.conversationId : undefined);

export const LIVE_EVENT_TYPES: readonly LiveEvent['type'][] = ['message.created', 'ticket.changed', 'surge.changed', 'catalog.changed'];

export interface LiveEvents {
  publish(event: LiveEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /**
   * Hears only the events of one conversation (a citizen's stream), filtered at the source: over
   * Redis the process subscribes to that conversation's own channel, so other conversations'
   * events never reach it. Resolves with the unsubscribe function once the subscription is active.
   */
  subscribeConversation(conversationId: string, listener: (event: ConversationEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}
