// The dashboard's quality figures over time, from known timestamps: per time bucket the median
// resolution time of the tickets resolved in it, their reopen rate (reopened, or followed by a new
// ticket in the reopen window: the citizen came back), and the CSAT given in it; the CSAT
// overall; and deflection: conversations the bot answered that reached no person within 24 h.
// A conversation younger than 24 h is pending, never counted either way. Pure.
import { median } from './dashboard-figures';

export const DEFLECTION_WINDOW_MS = 24 * 3_600_000;

export interface QualityTicket {
  readonly createdAt: Date;
  readonly resolvedAt: Date;
  /** Reopened (kept thread) or followed by a new ticket. */
  readonly reopened: boolean;
}

export interface QualityRating {
  readonly score: number;
  readonly ratedAt: Date;
}

export interface QualityConversation {
  readonly createdAt: Date;
  /** The bot answered at least one message with an official answer. */
  readonly botAnswered: boolean;
  /** A ticket opened within 24 h of the conversation's start. */
  readonly reachedHuman: boolean;
}

export interface QualityPoint {
  readonly at: string;
  readonly resolved: number;
  readonly medianResolutionSeconds: number | null;
  readonly reopened: number;
  readonly reopenRate: number | null;
  readonly ratings: number;
  readonly averageRating: number | null;
}

export interface QualityFigures {
  readonly series: readonly QualityPoint[];
  readonly csat: { readonly ratings: number; readonly average: number | null; readonly byScore: readonly number[] };
  readonly deflection: { readonly conversations: number; readonly deflected: number; readonly rate: number | null; readonly pending: number };
}

export type Bucket = 'hour' | 'day';

/** The start of the UTC hour or day holding `at` (PostgreSQL's date_trunc on a UTC server). */
export function bucketStart(at: Date, bucket: Bucket): string {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  if (bucket === 'day') d.setUTCHours(0);
  return d.toISOString();
}

const average = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

export function qualityFigures(
  input: { readonly tickets: readonly QualityTicket[]; readonly ratings: readonly QualityRating[]; readonly conversations: readonly QualityConversation[] },
  bucket: Bucket,
  now: Date,
): QualityFigures {
  const buckets = new Map<string, { tickets: QualityTicket[]; ratings: number[] }>();
  const slot = (at: Date) => {
    const key = bucketStart(at, bucket);
    let entry = buckets.get(key);
    if (!entry) buckets.set(key, (entry = { tickets: [], ratings: [] }));
    return entry;
  };
  for (const t of input.tickets) slot(t.resolvedAt).tickets.push(t);
  for (const r of input.ratings) slot(r.ratedAt).ratings.push(r.score);
  const series = [...buckets]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([at, { tickets, ratings }]): QualityPoint => {
      const reopened = tickets.filter((t) => t.reopened).length;
      return {
        at,
        resolved: tickets.length,
        medianResolutionSeconds: median(tickets.map((t) => (t.resolvedAt.getTime() - t.createdAt.getTime()) / 1000)),
        reopened,
        reopenRate: tickets.length > 0 ? reopened / tickets.length : null,
        ratings: ratings.length,
        averageRating: average(ratings),
      };
    });
  const scores = input.ratings.map((r) => r.score);
  const answered = input.conversations.filter((c) => c.botAnswered);
  const settled = answered.filter((c) => now.getTime() - c.createdAt.getTime() >= DEFLECTION_WINDOW_MS);
  const deflected = settled.filter((c) => !c.reachedHuman).length;
  return {
    series,
    csat: { ratings: scores.length, average: average(scores), byScore: [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length) },
    deflection: {
      conversations: settled.length,
      deflected,
      rate: settled.length > 0 ? deflected / settled.length : null,
      pending: answered.length - settled.length,
    },
  };
}
