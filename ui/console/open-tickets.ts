// Every open ticket and its owner, kept current from the live events whatever view the queue
// shows: the console notifies from it (a new urgent ticket, a citizen reply on my ticket).
import { ApiError } from '../shared/api';
import type { QueueTicket, TicketChanged, TicketDetail } from './types';

const OPEN = new Set(['waiting', 'assigned']);

export interface OpenTickets {
  /** Replaces the set (on each stream (re)connect); tickets already open are not "new". */
  load(read: () => Promise<readonly QueueTicket[]>): Promise<void>;
  /** A ticket.changed event: re-reads that ticket; a ticket not seen before is announced. */
  changed(event: TicketChanged): Promise<void>;
  get(id: string): QueueTicket | undefined;
  byConversation(conversationId: string): QueueTicket | undefined;
  onNew(listener: (ticket: QueueTicket) => void): void;
}

export function createOpenTickets(readOne: (id: string) => Promise<TicketDetail>, onError: (error: unknown) => void): OpenTickets {
  const tickets = new Map<string, QueueTicket>();
  const listeners: Array<(ticket: QueueTicket) => void> = [];
  let loaded = false;

  return {
    async load(read) {
      const all = await read();
      tickets.clear();
      for (const t of all) tickets.set(t.id, t);
      loaded = true;
    },
    async changed(event) {
      if (event.status && !OPEN.has(event.status) && event.status !== 'sla_missed') {
        tickets.delete(event.ticketId);
        return;
      }
      try {
        const detail = await readOne(event.ticketId);
        if (!OPEN.has(detail.ticket.status)) {
          tickets.delete(event.ticketId);
          return;
        }
        const ticket = { ...detail.ticket, card: detail.card };
        const isNew = !tickets.has(ticket.id);
        tickets.set(ticket.id, ticket);
        if (isNew && loaded) for (const listener of listeners) listener(ticket);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) tickets.delete(event.ticketId);
        else onError(error);
      }
    },
    get: (id) => tickets.get(id),
    byConversation: (conversationId) => [...tickets.values()].find((t) => t.conversationId === conversationId),
    onNew: (listener) => void listeners.push(listener),
  };
}
