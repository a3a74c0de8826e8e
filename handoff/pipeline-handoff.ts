// The pipeline's HandoffPort (pipeline/handoff-port.ts), implemented over the real ticket
// service: bot silence while a ticket is open, the reopen rule, routing, triage card and SLA.
import type { HandoffPort } from '../pipeline/handoff-port';
import { setConversationOwner } from '../store/conversation-repository';
import { findMessage, setMessageTicket } from '../store/message-repository';
import { toStoredMessage } from '../store/stored-message';
import type { HandoffDeps } from './deps';
import { publishTicket } from './live';
import { openTicket } from './open-ticket';
import { routeInbound } from './reopen-policy';

export function createHandoffPort(deps: HandoffDeps): HandoffPort {
  return {
    /**
     * The open ticket, or one the reopen rule revives: a citizen writing again soon after a
     * resolve whose agent kept the thread goes back to that person.
     */
    async activeTicketFor(conversationId, latest) {
      const now = deps.now();
      const route = routeInbound(latest, now, deps.config.reopen);
      if (route.kind === 'bot') return null;
      if (route.kind === 'join') return { id: route.ticketId, claimed: latest?.status === 'assigned' };
      const reopened = await deps.tickets.reopen(route.ticketId, now);
      if (!reopened) {
        // Someone else changed it between our read and our write: decide again on what is there now.
        const open = await deps.tickets.latestForConversation(conversationId);
        return open && (open.status === 'waiting' || open.status === 'assigned') ? { id: open.id, claimed: open.status === 'assigned' } : null;
      }
      await setConversationOwner(deps.db, conversationId, 'human');
      await deps.audit.record({
        actor: 'system',
        action: 'ticket.reopen',
        target: reopened.id,
        details: { reopenCount: reopened.reopenCount, keptThread: true },
      });
      await publishTicket(deps.events, reopened);
      return { id: reopened.id, claimed: reopened.status === 'assigned' };
    },

    async openTicket(input) {
      const ticket = await openTicket(deps, input);
      return { id: ticket.id };
    },

    /** The message joins the ticket, and the agent consoles hear of it (ticket and message). */
    async attachMessage(ticketId, messageId) {
      await setMessageTicket(deps.db, messageId, ticketId);
      const [ticket, message] = await Promise.all([deps.tickets.get(ticketId), findMessage(deps.db, messageId)]);
      if (ticket) await publishTicket(deps.events, ticket);
      if (message) await deps.events.publish({ type: 'message.created', conversationId: message.conversation_id, message: toStoredMessage(message) });
    },
  };
}
