// The queue's order: most pressing priority first, then the nearest SLA deadline, then the oldest.
// Pure, so the order is tested without a browser.
import { isPriority, priorityRank } from '../../handoff/priority';

export interface Orderable {
  readonly priority: string;
  readonly slaDeadline: string | null;
  readonly createdAt: string | null;
}

const rank = (priority: string) => (isPriority(priority) ? priorityRank(priority) : Number.MAX_SAFE_INTEGER);
const time = (iso: string | null) => (iso ? new Date(iso).getTime() : Number.POSITIVE_INFINITY);

export function compareTickets(a: Orderable, b: Orderable): number {
  return rank(a.priority) - rank(b.priority) || time(a.slaDeadline) - time(b.slaDeadline) || time(a.createdAt) - time(b.createdAt);
}

export function orderQueue<T extends Orderable>(tickets: Iterable<T>): T[] {
  return [...tickets].sort(compareTickets);
}
