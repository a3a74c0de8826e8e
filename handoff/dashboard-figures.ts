// The dashboard's honest ticket figures, from ticket rows: first response with the tickets still
// waiting counted as censored waits (how long so far; never dropped), SLA per priority with the
// overdue list and the oldest wait, and per agent the tickets handled and their medians.
// Only an agent's reply sets first_response_at, so the bot's acknowledgement is never one.
// Pure: the rows come from handoff/dashboard-figures-repository.ts.
import type { TicketPriority, TicketStatus } from '../store/schema';
import { RESPONSE_BANDS, type DashboardNumbers } from './dashboard-repository';

export interface FigureTicket {
  readonly id: string;
  readonly priority: TicketPriority;
  readonly status: TicketStatus;
  readonly queue: string;
  readonly assignee: string | null;
  readonly firstResponder: string | null;
  readonly createdAt: Date;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly slaDeadline: Date | null;
  readonly slaMissedAt: Date | null;
  /** The citizen's CSAT for the ticket and the agent it rates (ticket_ratings), once given. */
  readonly rating: { readonly score: number; readonly agentId: string | null } | null;
}

export interface StaffName {
  readonly id: string;
  readonly name: string;
}

export interface FirstResponseFigures {
  /** Tickets in the window: answered + waiting. */
  readonly tickets: number;
  readonly answered: number;
  /** Open tickets nobody has answered yet: their wait so far is a lower bound (censored). */
  readonly waiting: number;
  /** Median over every ticket, waits so far included. */
  readonly medianSeconds: number | null;
  /** True when the median falls on a wait still running: the true median is at least this. */
  readonly medianCensored: boolean;
  /** Median over the answered tickets only: what a dashboard that drops the waits would show. */
  readonly answeredMedianSeconds: number | null;
  /** Per response band (RESPONSE_BANDS): answered tickets, and waits so far. */
  readonly bands: { readonly answered: readonly number[]; readonly waiting: readonly number[] };
}

export interface OverdueTicket {
  readonly id: string;
  readonly queue: string;
  readonly createdAt: string;
  readonly waitSeconds: number;
}

export interface PriorityFigures {
  readonly priority: TicketPriority;
  readonly tickets: number;
  readonly met: number;
  readonly missed: number;
  readonly pending: number;
  readonly compliance: number | null;
  /** Open, unanswered and past the deadline: oldest first. */
  readonly overdue: readonly OverdueTicket[];
  /** The longest wait of an open, unanswered ticket now; null when none waits. */
  readonly oldestWaitSeconds: number | null;
}

export interface AgentFigures {
  readonly id: string;
  readonly name: string;
  readonly handled: number;
  readonly medianFirstResponseSeconds: number | null;
  readonly medianResolutionSeconds: number | null;
  /** CSAT ratings of tickets this agent held when they were resolved, and their mean (1–5). */
  readonly ratings: number;
  readonly averageRating: number | null;
}

export interface TicketFigures {
  readonly until: string;
  readonly firstResponse: FirstResponseFigures;
  readonly priorities: readonly PriorityFigures[];
  readonly agents: readonly AgentFigures[];
}

const PRIORITIES: readonly TicketPriority[] = ['urgent', 'high', 'normal', 'low'];
const OPEN: readonly TicketStatus[] = ['waiting', 'assigned'];

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function bandIndex(value: number): number {
  return RESPONSE_BANDS.findIndex((b) => value >= b.from && (b.to === null || value < b.to));
}

function firstResponse(tickets: readonly FigureTicket[], now: Date): FirstResponseFigures {
  const waits: { value: number; censored: boolean }[] = [];
  const answeredBands = RESPONSE_BANDS.map(() => 0);
  const waitingBands = RESPONSE_BANDS.map(() => 0);
  for (const t of tickets) {
    if (t.firstResponseAt) {
      const value = seconds(t.createdAt, t.firstResponseAt);
      waits.push({ value, censored: false });
      answeredBands[bandIndex(value)]!++;
    } else if (OPEN.includes(t.status)) {
      const value = seconds(t.createdAt, now);
      waits.push({ value, censored: true });
      waitingBands[bandIndex(value)]!++;
    }
    // Closed without a person's reply (returned to the bot): nobody is waiting and no one answered.
  }
  const sorted = [...waits].sort((a, b) => a.value - b.value);
  const mid = Math.floor(sorted.length / 2);
  const middle = sorted.length === 0 ? [] : sorted.length % 2 === 1 ? [sorted[mid]!] : [sorted[mid - 1]!, sorted[mid]!];
  const answered = waits.filter((w) => !w.censored);
  return {
    tickets: waits.length,
    answered: answered.length,
    waiting: waits.length - answered.length,
    medianSeconds: median(middle.map((w) => w.value)),
    medianCensored: middle.some((w) => w.censored),
    answeredMedianSeconds: median(answered.map((w) => w.value)),
    bands: { answered: answeredBands, waiting: waitingBands },
  };
}

function priority(level: TicketPriority, tickets: readonly FigureTicket[], now: Date): PriorityFigures {
  let met = 0;
  let missed = 0;
  let pending = 0;
  const overdue: OverdueTicket[] = [];
  let oldest: number | null = null;
  for (const t of tickets) {
    const open = OPEN.includes(t.status) && !t.firstResponseAt;
    if (open) oldest = Math.max(oldest ?? 0, seconds(t.createdAt, now));
    if (!t.slaDeadline) continue;
    const late = t.slaMissedAt !== null || (t.firstResponseAt ? t.firstResponseAt > t.slaDeadline : now > t.slaDeadline);
    if (late) missed++;
    else if (t.firstResponseAt) met++;
    else pending++;
    if (late && open) overdue.push({ id: t.id, queue: t.queue, createdAt: t.createdAt.toISOString(), waitSeconds: seconds(t.createdAt, now) });
  }
  overdue.sort((a, b) => b.waitSeconds - a.waitSeconds);
  return {
    priority: level,
    tickets: tickets.length,
    met,
    missed,
    pending,
    compliance: met + missed > 0 ? met / (met + missed) : null,
    overdue,
    oldestWaitSeconds: oldest,
  };
}

function agents(tickets: readonly FigureTicket[], staff: readonly StaffName[]): AgentFigures[] {
  const ids = new Set<string>();
  for (const t of tickets) for (const id of [t.assignee, t.firstResponder, t.rating?.agentId]) if (id) ids.add(id);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return [...ids]
    .map((id) => {
      // Handled: the agent holds the ticket or answered it first.
      const handled = tickets.filter((t) => t.assignee === id || t.firstResponder === id);
      const firsts = tickets.filter((t) => t.firstResponder === id && t.firstResponseAt).map((t) => seconds(t.createdAt, t.firstResponseAt!));
      const resolutions = tickets.filter((t) => t.assignee === id && t.status === 'resolved' && t.resolvedAt).map((t) => seconds(t.createdAt, t.resolvedAt!));
      const scores = tickets.filter((t) => t.rating?.agentId === id).map((t) => t.rating!.score);
      return {
        id,
        name: names.get(id) ?? id,
        handled: handled.length,
        medianFirstResponseSeconds: median(firsts),
        medianResolutionSeconds: median(resolutions),
        ratings: scores.length,
        averageRating: scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length,
      };
    })
    .sort((a, b) => b.handled - a.handled || a.name.localeCompare(b.name));
}

export function ticketFigures(tickets: readonly FigureTicket[], staff: readonly StaffName[], now: Date): TicketFigures {
  return {
    until: now.toISOString(),
    firstResponse: firstResponse(tickets, now),
    priorities: PRIORITIES.map((p) =>
      priority(
        p,
        tickets.filter((t) => t.priority === p),
        now,
      ),
    ),
    agents: agents(tickets, staff),
  };
}

/** GET /metrics/dashboard's body: the volumes and bands, and these figures. */
export type DashboardBody = DashboardNumbers & { readonly tickets: TicketFigures };
