// Live events for the agent console and the citizen chat (server-sent events). Two drivers:
// in-process (single machine) and Redis pub/sub (api and worker in separate processes).
import type { StoredMessage } from '../store/stored-message';

export type LiveEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: StoredMessage }
  | { readonly type: 'ticket.changed'; readonly ticketId: string; readonly conversationId: string; readonly status: string; readonly priority: string }
  /** A surge opened, changed (figures, pinned answer) or closed: surge/surge-service.ts. */
  | { readonly type: 'surge.changed'; readonly surgeId: string; readonly status: 'open' | 'closed'; readonly label: string; readonly count: number; readonly pinned: boolean }
  /** A trainer saved an intent's answers, links or quick replies: every process reloads its catalog. */
  | { readonly type: 'catalog.changed'; readonly intentId: string };

export const LIVE_EVENT_TYPES: readonly LiveEvent['type'][] = ['message.created', 'ticket.changed', 'surge.changed', 'catalog.changed'];

export interface LiveEvents {
  publish(event: LiveEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}
