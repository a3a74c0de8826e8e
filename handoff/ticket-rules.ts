// Who may do what to a ticket in which state. Pure; the service asks before it writes, and the
// write itself is still conditional (status / assignee in the WHERE clause) so a race between
// the check and the update cannot slip through.
export const TICKET_STATUSES = ['waiting', 'assigned', 'resolved', 'returned_to_bot'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const OPEN_STATUSES: readonly TicketStatus[] = ['waiting', 'assigned'];

export type AgentAction = 'claim' | 'reply' | 'note' | 'resolve' | 'return_to_bot' | 'transfer' | 'relabel' | 'set_priority';

export interface Actor {
  readonly id: string;
  readonly roles: readonly string[];
}

export interface TicketOwnership {
  readonly status: TicketStatus;
  readonly assignee: string | null;
}

export type Permission = { readonly ok: true } | { readonly ok: false; readonly code: 'conflict' | 'forbidden'; readonly reason: string };

const OK: Permission = { ok: true };

export function isOpen(status: TicketStatus): boolean {
  return status === 'waiting' || status === 'assigned';
}

/**
 * - Notes and relabels are allowed in any state (relabelling a closed thread still teaches the bot).
 * - Everything else needs an open ticket.
 * - Claim needs a waiting ticket (claiming your own again is a no-op success).
 * - On a ticket assigned to someone else only an admin may reply, resolve, return, transfer or
 *   change the priority.
 */
export function checkAction(action: AgentAction, ticket: TicketOwnership, actor: Actor): Permission {
  if (action === 'note' || action === 'relabel') return OK;
  if (!isOpen(ticket.status)) return { ok: false, code: 'conflict', reason: `the ticket is ${ticket.status}` };
  const mine = ticket.assignee === actor.id;
  if (action === 'claim') {
    if (ticket.status === 'waiting' || mine) return OK;
    return { ok: false, code: 'conflict', reason: 'another agent has claimed the ticket' };
  }
  if (ticket.status === 'assigned' && !mine && !actor.roles.includes('admin')) {
    return { ok: false, code: 'forbidden', reason: 'the ticket is assigned to another agent' };
  }
  return OK;
}
