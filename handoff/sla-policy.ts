// First-response SLA: how long a ticket of each priority may wait for a person's first reply,
// and what a missed deadline does: the ticket becomes *overdue*. It never changes the priority
// (priority says how serious the matter is, which waiting does not change; only an agent sets
// it). Pure: the clock comes in as an argument, and the wait itself is a delayed `sla` job
// (never a timer), so a restart loses no deadline.
import { PRIORITIES, type Priority } from './priority';

export interface SlaPolicy {
  /** First-response target per priority, in milliseconds. */
  readonly firstResponseMs: Readonly<Record<Priority, number>>;
}

/** Defaults from the issue: urgent 1 min, high 5 min, normal 10 min, low 60 min. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  firstResponseMs: { urgent: 60_000, high: 5 * 60_000, normal: 10 * 60_000, low: 60 * 60_000 },
};

export function slaDeadline(priority: Priority, from: Date, policy: SlaPolicy = DEFAULT_SLA_POLICY): Date {
  return new Date(from.getTime() + policy.firstResponseMs[priority]);
}

/** Validates a policy: every priority needs a positive, finite target. */
export function checkSlaPolicy(policy: SlaPolicy): SlaPolicy {
  for (const priority of PRIORITIES) {
    const ms = policy.firstResponseMs[priority];
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new RangeError(`SLA target for ${priority} must be a positive number of ms, got ${String(ms)}`);
    }
  }
  return policy;
}

export interface SlaTicketState {
  readonly status: string;
  readonly priority: Priority;
  readonly slaDeadline: Date | null;
  readonly firstResponseAt: Date | null;
  /** When the `sla` job marked it overdue, if it did. */
  readonly slaMissedAt?: Date | null;
}

export type SlaCheck =
  /** Nothing to do: answered, closed, or the job is stale (the deadline moved). */
  | { readonly kind: 'ok'; readonly why: 'responded' | 'closed' | 'stale' | 'not_due' }
  /** Missed: mark the ticket overdue (its priority stays as it is). */
  | { readonly kind: 'missed' };

/** What the `sla` job does for a ticket whose check was scheduled for `jobDeadline`. */
export function checkSla(ticket: SlaTicketState, jobDeadline: Date, now: Date): SlaCheck {
  if (ticket.status !== 'waiting' && ticket.status !== 'assigned') return { kind: 'ok', why: 'closed' };
  if (ticket.firstResponseAt) return { kind: 'ok', why: 'responded' };
  if (ticket.slaMissedAt || !ticket.slaDeadline || ticket.slaDeadline.getTime() !== jobDeadline.getTime()) return { kind: 'ok', why: 'stale' };
  if (now.getTime() < jobDeadline.getTime()) return { kind: 'ok', why: 'not_due' };
  return { kind: 'missed' };
}

/**
 * Open, unanswered and past its deadline at `now` (or already marked missed by the `sla` job):
 * what the console's overdue badge, filter and sort show.
 */
export function isOverdue(ticket: SlaTicketState, now: Date): boolean {
  if (ticket.status !== 'waiting' && ticket.status !== 'assigned') return false;
  if (ticket.firstResponseAt) return false;
  if (ticket.slaMissedAt) return true;
  return ticket.slaDeadline !== null && ticket.slaDeadline.getTime() < now.getTime();
}

/** Whether a first response met its deadline (for the compliance metric). */
export function metSla(deadline: Date, firstResponseAt: Date): boolean {
  return firstResponseAt.getTime() <= deadline.getTime();
}
