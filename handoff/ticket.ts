// The ticket as the handoff domain sees it (camelCase, typed card), and its row mapping.
import type { ChannelId } from '../pipeline/channel';
import type { Priority } from './priority';
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
}

export type TicketRow = Selectable<TicketsTable> & { channel: string };

function parseCard(value: unknown): TriageCard | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as TriageCard;
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
    card: parseCard(row.triage_card),
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
  };
}

/** The JSON an API client sees. */
export function ticketJson(ticket: Ticket) {
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
    escalations: ticket.escalations,
    firstResponseAt: iso(ticket.firstResponseAt),
    firstResponder: ticket.firstResponder,
    createdAt: iso(ticket.createdAt),
    updatedAt: iso(ticket.updatedAt),
    resolvedAt: iso(ticket.resolvedAt),
    reopenCount: ticket.reopenCount,
  };
}
