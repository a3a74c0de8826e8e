// The numbers behind GET /metrics/dashboard (handoff/dashboard-routes.ts) that GET /metrics/handoffs
// does not carry — message volumes over time by channel and by intent, and the distribution of
// first-response times of the bot and of people in bands around the 110 call centre's 4–9 minutes.
// Computed by SQL over the stored rows, so every API process answers the same.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../store/schema';

/** First-response bands in seconds, [from, to). 240–540 s is the call centre's 4–9 minutes. */
export const RESPONSE_BANDS: readonly { readonly label: string; readonly from: number; readonly to: number | null }[] = [
  { label: '<10s', from: 0, to: 10 },
  { label: '10s-1m', from: 10, to: 60 },
  { label: '1-4m', from: 60, to: 240 },
  { label: '4-9m', from: 240, to: 540 },
  { label: '9-30m', from: 540, to: 1800 },
  { label: '30m+', from: 1800, to: null },
];
export const CALL_CENTRE_BAND = '4-9m';

export const BUCKETS = ['hour', 'day'] as const;

export interface VolumePoint {
  readonly at: string;
  readonly key: string;
  readonly count: number;
}

export interface DashboardNumbers {
  readonly since: string;
  readonly bucket: (typeof BUCKETS)[number];
  /** Citizen messages per time bucket and channel. */
  readonly byChannel: readonly VolumePoint[];
  /** Bot decisions per time bucket and intent. */
  readonly byIntent: readonly VolumePoint[];
  readonly firstResponse: {
    readonly bands: readonly string[];
    readonly callCentreBand: string;
    readonly bot: readonly number[];
    readonly human: readonly number[];
  };
}

type Seconds = RawBuilder<number>;

/** One count per band, as `count(*) filter (…)` columns b0, b1, … */
function bandColumns(value: Seconds) {
  return RESPONSE_BANDS.map((band, i) =>
    (band.to === null
      ? sql<number>`count(*) filter (where ${value} >= ${band.from})`
      : sql<number>`count(*) filter (where ${value} >= ${band.from} and ${value} < ${band.to})`
    ).as(`b${i}`),
  );
}

function bandCounts(row: Record<string, unknown> | undefined): number[] {
  return RESPONSE_BANDS.map((_, i) => Number(row?.[`b${i}`] ?? 0));
}

const iso = (value: unknown) => (value instanceof Date ? value : new Date(String(value))).toISOString();

export async function dashboardNumbers(db: Kysely<Schema>, since: Date, bucket: (typeof BUCKETS)[number]): Promise<DashboardNumbers> {
  const unit = sql.lit(bucket);
  const elapsed = (to: string, from: string): Seconds => sql<number>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)}))`;
  const botSeconds = elapsed('outbox.sent_at', 'messages.created_at');
  const humanSeconds = elapsed('tickets.first_response_at', 'tickets.created_at');

  const [channels, intents, bot, human] = await Promise.all([
    db
      .selectFrom('messages')
      .select([sql<Date>`date_trunc(${unit}, messages.created_at)`.as('at'), 'channel as key', sql<number>`count(*)`.as('n')])
      .where('direction', '=', 'in')
      .where('created_at', '>=', since)
      .groupBy(['at', 'channel'])
      .orderBy('at')
      .execute(),
    db
      .selectFrom('decisions')
      .select([sql<Date>`date_trunc(${unit}, decisions.created_at)`.as('at'), 'intent as key', sql<number>`count(*)`.as('n')])
      .where('created_at', '>=', since)
      .groupBy(['at', 'intent'])
      .orderBy('at')
      .execute(),
    db
      .selectFrom('outbox')
      .innerJoin('messages', 'messages.id', 'outbox.in_reply_to')
      .select(bandColumns(botSeconds))
      .where('outbox.kind', '=', 'bot_reply')
      .where('outbox.sent_at', 'is not', null)
      .where('messages.created_at', '>=', since)
      .executeTakeFirst(),
    db
      .selectFrom('tickets')
      .select(bandColumns(humanSeconds))
      .where('tickets.first_response_at', 'is not', null)
      .where('tickets.created_at', '>=', since)
      .executeTakeFirst(),
  ]);

  const points = (rows: readonly { at: unknown; key: unknown; n: unknown }[]): VolumePoint[] =>
    rows.map((r) => ({ at: iso(r.at), key: String(r.key), count: Number(r.n) }));
  return {
    since: since.toISOString(),
    bucket,
    byChannel: points(channels),
    byIntent: points(intents),
    firstResponse: {
      bands: RESPONSE_BANDS.map((b) => b.label),
      callCentreBand: CALL_CENTRE_BAND,
      bot: bandCounts(bot as Record<string, unknown> | undefined),
      human: bandCounts(human as Record<string, unknown> | undefined),
    },
  };
}
