// The queue's order and views. Pure, so they are tested without a browser.
// - Priority order (default): most pressing priority first, then the nearest SLA deadline, then
//   the oldest.
// - Wait order: overdue first, then the longest waiting, whatever the priority.
// - Views: all open, mine, unassigned, overdue (client-side over the open tickets).
import { isPriority, priorityRank } from '../../handoff/priority';

export interface Orderable {
  readonly priority: string;
  readonly slaDeadline: string | null;
  readonly createdAt: string | null;
  readonly overdue?: boolean;
}

export type QueueSort = 'priority' | 'wait';

const rank = (priority: string) => (isPriority(priority) ? priorityRank(priority) : Number.MAX_SAFE_INTEGER);
const time = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);

export function compareTickets(a: Orderable, b: Orderable): number {
  return rank(a.priority) - rank(b.priority) || time(a.slaDeadline) - time(b.slaDeadline) || time(a.createdAt) - time(b.createdAt);
}

export function compareByWait(a: Orderable, b: Orderable): number {
  return Number(Boolean(b.overdue)) - Number(Boolean(a.overdue)) || time(a.createdAt) - time(b.createdAt) || rank(a.priority) - rank(b.priority);
}

export function orderQueue<T extends Orderable>(tickets: Iterable<T>, sort: QueueSort = 'priority'): T[] {
  return [...tickets].sort(sort === 'wait' ? compareByWait : compareTickets);
}

export const LOCAL_VIEWS = ['open', 'mine', 'unassigned', 'overdue'] as const;
export type LocalView = (typeof LOCAL_VIEWS)[number];

export interface Viewable extends Orderable {
  readonly assignee: string | null;
  readonly status: string;
  readonly firstResponseAt?: string | null;
}

/** Whether a ticket belongs in a view, for the signed-in agent `me` at `now`. */
export function inView(ticket: Viewable, view: LocalView, me: string, now: Date): boolean {
  switch (view) {
    case 'open':
      return true;
    case 'mine':
      return ticket.assignee === me;
    case 'unassigned':
      return ticket.assignee === null;
    case 'overdue':
      return isOverdueNow(ticket, now);
  }
}

/** The server's overdue flag, or a deadline that passed since the ticket was loaded. */
export function isOverdueNow(ticket: Viewable, now: Date): boolean {
  if (ticket.overdue) return true;
  if (ticket.firstResponseAt || (ticket.status !== 'waiting' && ticket.status !== 'assigned')) return false;
  return ticket.slaDeadline !== null && new Date(ticket.slaDeadline).getTime() < now.getTime();
}

export function viewCounts(tickets: readonly Viewable[], me: string, now: Date): Record<LocalView, number> {
  const counts = { open: 0, mine: 0, unassigned: 0, overdue: 0 };
  for (const t of tickets) for (const v of LOCAL_VIEWS) if (inView(t, v, me, now)) counts[v] += 1;
  return counts;
}
