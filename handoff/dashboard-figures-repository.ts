// The ticket rows behind the dashboard's honest figures (handoff/dashboard-figures.ts): tickets
// opened in [since, until], and the names of the staff who held or answered them.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { ticketFigures, type FigureTicket, type TicketFigures } from './dashboard-figures';

export async function loadTicketFigures(db: Kysely<Schema>, since: Date, until: Date): Promise<TicketFigures> {
  const rows = await db
    .selectFrom('tickets')
    .leftJoin('ticket_ratings', 'ticket_ratings.ticket_id', 'tickets.id')
    .select([
      'tickets.id',
      'tickets.priority',
      'tickets.status',
      'tickets.queue',
      'tickets.assignee',
      'tickets.first_responder',
      'tickets.created_at',
      'tickets.first_response_at',
      'tickets.resolved_at',
      'tickets.sla_deadline',
      'tickets.sla_missed_at',
      'ticket_ratings.score',
      'ticket_ratings.agent_id as rated_agent',
    ])
    .where('tickets.created_at', '>=', since)
    .where('tickets.created_at', '<=', until)
    .execute();
  const tickets: FigureTicket[] = rows.map((r) => ({
    id: r.id,
    priority: r.priority,
    status: r.status,
    queue: r.queue,
    assignee: r.assignee,
    firstResponder: r.first_responder,
    createdAt: new Date(r.created_at),
    firstResponseAt: r.first_response_at && new Date(r.first_response_at),
    resolvedAt: r.resolved_at && new Date(r.resolved_at),
    slaDeadline: r.sla_deadline && new Date(r.sla_deadline),
    slaMissedAt: r.sla_missed_at && new Date(r.sla_missed_at),
    rating: r.score === null ? null : { score: r.score, agentId: r.rated_agent },
  }));
  const ids = [...new Set(tickets.flatMap((t) => [t.assignee, t.firstResponder, t.rating?.agentId ?? null]).filter((id): id is string => id !== null))];
  const staff = ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
  return ticketFigures(
    tickets,
    staff.map((s) => ({ id: s.id, name: s.display_name || s.email })),
    until,
  );
}
