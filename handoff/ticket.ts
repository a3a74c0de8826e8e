// The ticket as the handoff domain sees it (camelCase, typed card), and its row mapping.
import type { ChannelId } from '../pipeline/channel';
import type { Priority } from './priority';
import { isOverdue } from './sla-policy';
import type { TicketsTable } from '../store/schema';
import type { TicketStatus } from './ticket-rules';
import type { TriageCard } from './triage-card';
import type { Selectable } from 'kysely';

export interface Ticket {
  readonly id: string;
  readonly conversationId: string;
  readonly channel: ChannelId;
  readonly openedByMessageId: string | null;
  readonly status: TicketStatus;
  readonly priority: Priority;
  readonly queue: string;
  readonly reason: string | null;
  readonly assignee: string | null;
  readonly card: TriageCard | null;
  readonly slaDeadline: Date | null;
  readonly firstResponseAt: Date | null;
  readonly firstResponder: string | null;
  readonly escalations: number;
  readonly slaMissedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly resolvedAt: Date | null;
  readonly reopenedAt: Date | null;
  readonly reopenCount: number;
  /** The resolving agent kept the thread: a message within the reopen window reopens this ticket. */
  readonly keepThread: boolean;
  /** The resolved ticket this one follows (opened within that one's reopen window). */
  readonly followsTicketId: string | null;
  readonly snoozedUntil: Date | null;
}

export type TicketRow = Selectable<TicketsTable> & { channel: string };

/**
 * The card as stored at opening, with the ticket's current priority and queue: an agent may
 * change either later, and the card and the ticket header must never disagree.
 */
function parseCard(value: unknown, row: Pick<TicketRow, 'priority' | 'queue'>): TriageCard | null {
  if (value === null || value === undefined) return null;
  const card = (typeof value === 'string' ? JSON.parse(value) : value) as TriageCard;
  return { ...card, priority: row.priority, queue: row.queue };
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel as ChannelId,
    openedByMessageId: row.opened_by_message_id,
    status: row.status,
    priority: row.priority,
    queue: row.queue,
    reason: row.reason,
    assignee: row.assignee,
    card: parseCard(row.triage_card, row),
    slaDeadline: row.sla_deadline,
    firstResponseAt: row.first_response_at,
    firstResponder: row.first_responder,
    escalations: row.escalations,
    slaMissedAt: row.sla_missed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    reopenedAt: row.reopened_at,
    reopenCount: row.reopen_count,
    keepThread: row.keep_thread,
    followsTicketId: row.follows_ticket_id,
    snoozedUntil: row.snoozed_until,
  };
}

/** The JSON an API client sees. `overdue`: open, unanswered and past its first-response deadline. */
export function ticketJson(ticket: Ticket, now: Date = new Date()) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: ticket.id,
    conversationId: ticket.conversationId,
    channel: ticket.channel,
    status: ticket.status,
    priority: ticket.priority,
    queue: ticket.queue,
    reason: ticket.reason,
    assignee: ticket.assignee,
    slaDeadline: iso(ticket.slaDeadline),
    slaMissed: ticket.slaMissedAt !== null,
    overdue: isOverdue(ticket, now),
    escalations: ticket.escalations,
    firstResponseAt: iso(ticket.firstResponseAt),
    firstResponder: ticket.firstResponder,
    createdAt: iso(ticket.createdAt),
    updatedAt: iso(ticket.updatedAt),
    resolvedAt: iso(ticket.resolvedAt),
    reopenCount: ticket.reopenCount,
    followsTicketId: ticket.followsTicketId,
    snoozedUntil: iso(ticket.snoozedUntil),
  };
}
