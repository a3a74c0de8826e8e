// Live events for the agent console and the citizen chat (server-sent events). Two drivers:
// in-process (single machine) and Redis pub/sub (api and worker in separate processes).
import type { StoredMessage } from '../store/stored-message';

export type LiveEvent =
  | { readonly type: 'message.created'; readonly conversationId: string; readonly message: StoredMessage }
  | { readonly type: 'ticket.changed'; readonly ticketId: string; readonly conversationId: string; readonly status: string; readonly priority: string };

export interface LiveEvents {
  publish(event: LiveEvent): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}
