// The default HandoffPort over the tickets table: a ticket per escalated conversation, urgent
// decisions first, and the thread handed to a person so the bot goes quiet. No routing or SLA.
import type { Decision } from '../bot/types';
import type { LiveEvents } from '../events/types';
import type { Database } from '../store/database';
import { setConversationOwner } from '../store/conversation-repository';
import { setMessageTicket } from '../store/message-repository';
import type { TicketPriority } from '../store/schema';
import { findOpenTicket, openTicket } from '../store/ticket-repository';
import type { HandoffPort } from './handoff-port';

export const DEFAULT_QUEUE = 'general';

const priorityOf = (decision: Decision): TicketPriority =>
  decision.action === 'urgent' ? 'urgent' : decision.reason === 'requested_human' ? 'high' : 'normal';

export function createBasicHandoff(deps: { readonly database: Database; readonly events: LiveEvents }): HandoffPort {
  const { db } = deps.database;
  return {
    async activeTicketFor(conversationId) {
      const ticket = await findOpenTicket(db, conversationId);
      // No agents behind this port: an open ticket always keeps the bot silent.
      return ticket ? { id: ticket.id, claimed: true } : null;
    },

    async openTicket({ conversationId, messageId, decision }) {
      const { ticket, created } = await db.transaction().execute(async (tx) => {
        const opened = await openTicket(tx, {
          conversationId,
          openedByMessageId: messageId,
          priority: priorityOf(decision),
          queue: DEFAULT_QUEUE,
          reason: decision.reason ?? null,
        });
        await setMessageTicket(tx, messageId, opened.ticket.id);
        await setConversationOwner(tx, conversationId, 'human');
        return opened;
      });
      if (created) {
        await deps.events.publish({
          type: 'ticket.changed',
          ticketId: ticket.id,
          conversationId,
          status: ticket.status,
          priority: ticket.priority,
        });
      }
      return { id: ticket.id };
    },

    async attachMessage(ticketId, messageId) {
      await setMessageTicket(db, messageId, ticketId);
    },
  };
}
