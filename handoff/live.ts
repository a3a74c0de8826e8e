// Ticket live events over the shared LiveEvents contract (events/types.ts), which has only
// `ticket.changed` and `message.created`. An SLA miss is a `ticket.changed` whose status is the
// pseudo-status SLA_MISSED_STATUS; the agent stream turns it into an `sla.missed` event, and the
// console reloads the ticket for its real status.
import type { LiveEvents } from '../events/types';
import type { Ticket } from './ticket';

export const SLA_MISSED_STATUS = 'sla_missed';

export function publishTicket(events: LiveEvents, ticket: Ticket, status: string = ticket.status): Promise<void> {
  return events.publish({ type: 'ticket.changed', ticketId: ticket.id, conversationId: ticket.conversationId, status, priority: ticket.priority });
}

export function publishSlaMissed(events: LiveEvents, ticket: Ticket): Promise<void> {
  return publishTicket(events, ticket, SLA_MISSED_STATUS);
}
