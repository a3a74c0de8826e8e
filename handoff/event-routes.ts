// GET /events: the agent console's live stream (server-sent events). Through LiveEvents, so with
// Redis configured an agent connected to one API process hears what happened on another.
//   ticket.changed   a ticket was opened, claimed, transferred, closed, reopened or has a new message
//   sla.missed       a ticket passed its first-response deadline (its priority went up)
//   message.created  a message in a conversation that has an open ticket
//   surge.changed    a surge opened, changed (figures, pinned answer) or closed
// EventSource cannot set headers, so the console authenticates with its session cookie (GET needs
// no CSRF token).
import { Router } from 'express';
import type { EventStreams } from '../events/event-streams';
import type { LiveEvent, LiveEvents } from '../events/types';
import { SLA_MISSED_STATUS } from './live';
import type { TicketRepository } from './ticket-repository';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';

export interface AgentEventsDeps {
  readonly events: LiveEvents;
  readonly streams: EventStreams;
  readonly tickets: Pick<TicketRepository, 'hasOpenTicket'>;
  readonly guard: AuthGuard;
}

/** How long "this conversation has an open ticket" is trusted before asking the database again. */
const OPEN_CACHE_MS = 2000;

export function agentEventRoutes(deps: AgentEventsDeps): Router {
  const router = Router();
  // Shared by all streams of this process: one lookup per conversation, not one per agent.
  const openCache = new Map<string, { open: Promise<boolean>; at: number }>();
  const hasOpenTicket = (conversationId: string): Promise<boolean> => {
    const hit = openCache.get(conversationId);
    if (hit && Date.now() - hit.at < OPEN_CACHE_MS) return hit.open;
    if (openCache.size > 5000) openCache.clear();
    const open = deps.tickets.hasOpenTicket(conversationId).catch(() => false);
    openCache.set(conversationId, { open, at: Date.now() });
    return open;
  };

  router.get('/events', ...deps.guard.role('agent'), async (req, res) => {
    const stream = await deps.streams.open(req, res, { session: requireAuthOf(res).sessionId });
    const unsubscribe = deps.events.subscribe((event: LiveEvent) => {
      if (event.type === 'ticket.changed') {
        openCache.delete(event.conversationId);
        if (event.status === SLA_MISSED_STATUS)
          stream.send('sla.missed', { ticketId: event.ticketId, conversationId: event.conversationId, priority: event.priority });
        else stream.send('ticket.changed', event);
        return;
      }
      if (event.type === 'surge.changed') {
        stream.send('surge.changed', event);
        return;
      }
      if (event.type !== 'message.created') return;
      void hasOpenTicket(event.conversationId).then((open) => {
        if (open) stream.send('message.created', event.message, event.message.id);
      });
    });
    stream.onClose(unsubscribe);
    stream.send('ready', { at: new Date().toISOString() });
  });

  return router;
}
