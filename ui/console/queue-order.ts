// The queue's order and views. Pure, so they are tested without a browser.
// - Priority order (default): most pressing priority first, then the nearest SLA deadline, then
//   the oldest.
// - Wait order: overdue first, then the longest waiting, whatever the priority.
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

export interface Viewable extends Orderable {
  readonly status: string;
  readonly firstResponseAt?: string | null;
}

/** The server's overdue flag, or a deadline that passed since the ticket was loaded. */
export function isOverdueNow(ticket: Viewable, now: Date): boolean {
  if (ticket.overdue) return true;
  if (ticket.firstResponseAt || (ticket.status !== 'waiting' && ticket.status !== 'assigned')) return false;
  return ticket.slaDeadline !== null && new Date(ticket.slaDeadline).getTime() < now.getTime();
}
