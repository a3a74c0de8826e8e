// Surge settings with their defaults. Parsed from the environment at the edge by parseSurgeEnv
// (server/config.ts calls it); inner modules get the typed object.
import { z } from 'zod';

export interface SurgeConfig {
  /** Sliding window, in 1-minute buckets. */
  readonly windowMinutes: number;
  /** A surge needs at least this many messages in the window… */
  readonly minCount: number;
  /** …and a window rate at least this many times its baseline. */
  readonly rateRatio: number;
  /** Baseline floor in messages per minute, so a key that was silent before does not divide by zero. */
  readonly baselineFloorPerMin: number;
  /** EWMA weight of the newest minute in the baseline. */
  readonly baselineAlpha: number;
  /** Previous days whose same clock hour makes the same-hour baseline (0: off). */
  readonly baselineDays: number;
  /** EWMA weight of the newer day in the same-hour baseline. */
  readonly baselineDayAlpha: number;
  /** Estimated n-gram Jaccard similarity for a message to join a topic cluster. */
  readonly clusterThreshold: number;
  /** Similarity for a message to get a surge's pinned answer. */
  readonly matchThreshold: number;
  /** How often the detection job runs (ms). */
  readonly tickMs: number;
  /** Waiting tickets past which lower priorities get a wait estimate from the bot (0: off). */
  readonly loadQueueDepth: number;
}

export const DEFAULT_SURGE_CONFIG: SurgeConfig = {
  windowMinutes: 10,
  minCount: 30,
  rateRatio: 3,
  baselineFloorPerMin: 1,
  baselineAlpha: 0.1,
  baselineDays: 7,
  baselineDayAlpha: 0.3,
  // Chosen on bench/surge-day.ts variants (seed 7, not the test's seed): one cluster per topic,
  // and no catalog example above 0.22 against the burst's representatives.
  clusterThreshold: 0.2,
  matchThreshold: 0.25,
  tickMs: 10_000,
  loadQueueDepth: 200,
};

/** The variables parseSurgeEnv reads, for the server's config table and README. */
export const SURGE_VARIABLES = [
  { name: 'SURGE_WINDOW_MINUTES', default: '10', meaning: 'Surge detection window, in 1-minute buckets.' },
  { name: 'SURGE_MIN_COUNT', default: '30', meaning: 'Messages a topic, intent or region needs in the window to open a surge.' },
  {
    name: 'SURGE_RATE_RATIO',
    default: '3',
    meaning:
      'Window rate over baseline needed to open a surge. Baseline: the higher of the EWMA of earlier minutes and of the same hour on previous days, floor 1/min.',
  },
  { name: 'SURGE_BASELINE_DAYS', default: '7', meaning: 'Previous days whose same clock hour makes the same-hour baseline of intents and regions (0: off).' },
  { name: 'SURGE_MATCH_THRESHOLD', default: '0.25', meaning: "Char n-gram similarity (0–1) for a message to get a surge's pinned answer." },
  { name: 'SURGE_TICK_SECONDS', default: '10', meaning: 'Seconds between runs of the surge detection job (worker processes).' },
  {
    name: 'SURGE_LOAD_QUEUE_DEPTH',
    default: '200',
    meaning: 'Waiting tickets past which non-urgent handoffs get an honest wait estimate from the bot (0: off).',
  },
] as const;

export class SurgeConfigError extends Error {
  override name = 'SurgeConfigError';
}

/** Throws SurgeConfigError naming the variable when one is malformed. */
export function parseSurgeEnv(env: Readonly<Record<string, string | undefined>>): SurgeConfig {
  const read = (name: string, schema: z.ZodType<number>, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new SurgeConfigError(`Invalid configuration:\n  ${name}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
  const d = DEFAULT_SURGE_CONFIG;
  return {
    ...d,
    windowMinutes: read('SURGE_WINDOW_MINUTES', z.coerce.number().int().min(1).max(240), d.windowMinutes),
    minCount: read('SURGE_MIN_COUNT', z.coerce.number().int().min(1).max(1_000_000), d.minCount),
    rateRatio: read('SURGE_RATE_RATIO', z.coerce.number().min(1).max(1000), d.rateRatio),
    baselineDays: read('SURGE_BASELINE_DAYS', z.coerce.number().int().min(0).max(60), d.baselineDays),
    matchThreshold: read('SURGE_MATCH_THRESHOLD', z.coerce.number().gt(0).max(1), d.matchThreshold),
    tickMs: read('SURGE_TICK_SECONDS', z.coerce.number().min(0.1).max(3600), d.tickMs / 1000) * 1000,
    loadQueueDepth: read('SURGE_LOAD_QUEUE_DEPTH', z.coerce.number().int().min(0).max(1_000_000), d.loadQueueDepth),
  };
}
