// The handoff numbers for GET /metrics/handoffs and the Prometheus scrape: first-response time
// of the bot and of people per channel, SLA compliance, auto-answer rate and handoff reasons,
// over a time window. Computed by SQL over the stored rows, so every API process reports the same.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../store/schema';

export interface ResponseTimes {
  readonly count: number;
  /** Seconds. null when count is 0. */
  readonly avgSeconds: number | null;
  readonly p50Seconds: number | null;
  readonly p90Seconds: number | null;
}

export interface HandoffMetrics {
  readonly since: string;
  readonly firstResponse: {
    readonly bot: Readonly<Record<string, ResponseTimes>>;
    readonly human: Readonly<Record<string, ResponseTimes>>;
  };
  readonly sla: { readonly met: number; readonly missed: number; readonly pending: number; readonly compliance: number | null };
  readonly autoAnswer: { readonly decisions: number; readonly autoAnswered: number; readonly rate: number | null };
  readonly reasons: Readonly<Record<string, number>>;
  readonly tickets: Readonly<Record<string, number>>;
}

const seconds = (interval: ReturnType<typeof sql>) => sql<number>`extract(epoch from ${interval})`;

interface TimeRow {
  channel: string;
  n: string | number;
  avg: string | number | null;
  p50: string | number | null;
  p90: string | number | null;
}

function times(rows: readonly TimeRow[]): Record<string, ResponseTimes> {
  const num = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 1000) / 1000);
  return Object.fromEntries(rows.map((r) => [r.channel, { count: Number(r.n), avgSeconds: num(r.avg), p50Seconds: num(r.p50), p90Seconds: num(r.p90) }]));
}

export async function handoffMetrics(db: Kysely<Schema>, since: Date): Promise<HandoffMetrics> {
  const elapsed = (to: string, from: string) => seconds(sql`${sql.ref(to)} - ${sql.ref(from)}`);
  const stats = (value: ReturnType<typeof seconds>) => [
    sql<number>`count(*)`.as('n'),
    sql<number>`avg(${value})`.as('avg'),
    sql<number>`percentile_cont(0.5) within group (order by ${value})`.as('p50'),
    sql<number>`percentile_cont(0.9) within group (order by ${value})`.as('p90'),
  ];

  const [bot, human, sla, auto, reasons, statuses] = await Promise.all([
    // The bot's first response to a message: its reply leaving, measured from the message's arrival.
    db
      .selectFrom('outbox')
      .innerJoin('messages', 'messages.id', 'outbox.in_reply_to')
      .select(['messages.channel', ...stats(elapsed('outbox.sent_at', 'messages.created_at'))])
      .where('outbox.kind', '=', 'bot_reply')
      .where('outbox.sent_at', 'is not', null)
      .where('messages.created_at', '>=', since)
      .groupBy('messages.channel')
      .execute(),
    db
      .selectFrom('tickets')
      .innerJoin('conversations', 'conversations.id', 'tickets.conversation_id')
      .select(['conversations.channel', ...stats(elapsed('tickets.first_response_at', 'tickets.created_at'))])
      .where('tickets.first_response_at', 'is not', null)
      .where('tickets.created_at', '>=', since)
      .groupBy('conversations.channel')
      .execute(),
    db
      .selectFrom('tickets')
      .select([
        sql<number>`count(*) filter (where sla_missed_at is not null or first_response_at > sla_deadline)`.as('missed'),
        sql<number>`count(*) filter (where sla_missed_at is null and first_response_at <= sla_deadline)`.as('met'),
        sql<number>`count(*) filter (where sla_missed_at is null and first_response_at is null and status in ('waiting', 'assigned'))`.as('pending'),
      ])
      .where('created_at', '>=', since)
      .where('sla_deadline', 'is not', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('decisions')
      .select([sql<number>`count(*)`.as('n'), sql<number>`count(*) filter (where action = 'auto_answer')`.as('auto')])
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('tickets')
      .select(['reason', sql<number>`count(*)`.as('n')])
      .where('created_at', '>=', since)
      .groupBy('reason')
      .execute(),
    db
      .selectFrom('tickets')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('created_at', '>=', since)
      .groupBy('status')
      .execute(),
  ]);

  const met = Number(sla.met);
  const missed = Number(sla.missed);
  const decisions = Number(auto.n);
  const autoAnswered = Number(auto.auto);
  return {
    since: since.toISOString(),
    firstResponse: { bot: times(bot as unknown as TimeRow[]), human: times(human as unknown as TimeRow[]) },
    sla: { met, missed, pending: Number(sla.pending), compliance: met + missed > 0 ? met / (met + missed) : null },
    autoAnswer: { decisions, autoAnswered, rate: decisions > 0 ? autoAnswered / decisions : null },
    reasons: Object.fromEntries(reasons.map((r) => [r.reason ?? 'none', Number(r.n)])),
    tickets: Object.fromEntries(statuses.map((r) => [r.status, Number(r.n)])),
  };
}
