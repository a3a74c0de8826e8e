// The surge detector's state and rules, pure: messages go in one at a time (observe), and at each
// tick evaluate() says which topics, intents and regions are running well above their baseline.
// The job (surge-service.ts) feeds it from the store and turns candidates into surges.
import { OUT_OF_SCOPE } from '../bot/model-types';
import { normalize } from '../bot/normalize';
import type { SurgeConfig } from './config';
import { signature, type Signature, type StopShingles } from './minhash';
import { RateWindow } from './rate-window';
import { TopicClusters } from './topic-clusters';

export interface Observation {
  readonly id: string;
  readonly at: Date;
  /** Redacted text, as stored. */
  readonly text: string;
  readonly channel: string;
  readonly intent: string;
  readonly action: string;
  readonly reason: string | null;
  /** Normalised region names found in the message. */
  readonly regions: readonly string[];
}

export type SurgeKind = 'topic' | 'intent' | 'region';

export interface SurgeCandidate {
  /** 'topic:<cluster>', 'intent:<id>' or 'region:<name>'. */
  readonly key: string;
  readonly kind: SurgeKind;
  readonly intent: string | null;
  readonly region: string | null;
  readonly count: number;
  readonly ratePerMin: number;
  readonly baselinePerMin: number;
  /** Counts for each minute of the window, oldest first. */
  readonly perMinute: readonly number[];
  readonly sampleMessageIds: readonly string[];
  readonly topTerms: readonly string[];
  readonly regions: Readonly<Record<string, number>>;
  readonly channels: Readonly<Record<string, number>>;
  /** Signatures that stand for the surge's messages, for matching later ones. */
  readonly reps: readonly Signature[];
  readonly open: boolean;
}

/** Not answered well by the catalog: the messages a new topic shows up in. */
export function isPoorlyAnswered(o: Pick<Observation, 'intent' | 'action' | 'reason'>): boolean {
  if (o.action === 'urgent' || o.action === 'moderate' || o.action === 'smalltalk') return false;
  return (
    o.intent === OUT_OF_SCOPE ||
    o.action === 'handoff' ||
    o.action === 'decline' ||
    o.action === 'clarify' ||
    o.reason === 'surge_pinned' ||
    o.reason === 'low_confidence'
  );
}

const SAMPLES = 10;
const MAX_TERMS = 300;
const SAMPLE_REPS = 24;
const WORD = /[\p{L}\p{N}]{2,}/gu;

interface KeyStats {
  samples: string[];
  terms: Map<string, number>;
  regions: Map<string, number>;
  channels: Map<string, number>;
  /** For intent and region keys: signatures of recent samples (topics use their cluster's). */
  reps: Signature[];
}

const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);

export class SurgeDetector {
  private readonly window: RateWindow;
  private readonly clusters: TopicClusters;
  private readonly stats = new Map<string, KeyStats>();

  constructor(
    private readonly config: SurgeConfig,
    private readonly stop: StopShingles,
  ) {
    this.window = new RateWindow(config.windowMinutes, config.baselineAlpha);
    this.clusters = new TopicClusters(config.clusterThreshold, (from, into) => this.mergeStats(`topic:${from}`, `topic:${into}`));
  }

  /** Counts the message; returns the keys it counted for ('intent:…', 'region:…', 'topic:…'). */
  observe(o: Observation): string[] {
    if (o.action === 'urgent') return []; // danger is never a topic to pin an answer on
    const minute = minuteOf(o.at);
    const keys: string[] = [];
    if (o.intent !== OUT_OF_SCOPE) keys.push(`intent:${o.intent}`);
    for (const region of new Set(o.regions)) keys.push(`region:${region}`);
    let sig: Signature | undefined;
    if (isPoorlyAnswered(o)) {
      sig = signature(o.text, this.stop);
      keys.push(`topic:${this.clusters.add(sig, minute)}`);
    }
    for (const key of keys) {
      this.window.add(key, minute);
      const stats = this.statsOf(key);
      stats.samples.push(o.id);
      if (stats.samples.length > SAMPLES) stats.samples.shift();
      bump(stats.channels, o.channel);
      for (const region of o.regions) bump(stats.regions, region);
      for (const term of normalize(o.text).match(WORD) ?? []) if (stats.terms.size < MAX_TERMS || stats.terms.has(term)) bump(stats.terms, term);
      if (!key.startsWith('topic:') && stats.reps.length < SAMPLE_REPS) stats.reps.push(sig ?? signature(o.text, this.stop));
    }
    return keys;
  }

  /**
   * Moves the window to `now` and returns every key over both thresholds (open) or with any traffic.
   * @param usual per key, its usual per-minute rate at this hour (hourly-baseline.ts): the
   *   baseline is the higher of it and the EWMA of the minutes before the window
   */
  evaluate(now: Date, usual: ReadonlyMap<string, number> = new Map()): SurgeCandidate[] {
    const minute = minuteOf(now);
    this.window.advance(minute);
    for (const id of this.clusters.prune(minute - this.config.windowMinutes + 1)) this.stats.delete(`topic:${id}`);
    for (const key of this.stats.keys()) if (this.window.count(key) === 0) this.stats.delete(key);

    const out: SurgeCandidate[] = [];
    for (const [key, count] of this.window.entries()) {
      if (key.startsWith('topic:') && this.clusters.get(Number(key.slice(6)))?.id !== Number(key.slice(6))) continue;
      const ratePerMin = count / this.config.windowMinutes;
      const baselinePerMin = Math.max(this.window.baseline(key, this.config.baselineFloorPerMin), usual.get(key) ?? 0);
      const stats = this.statsOf(key);
      const [kind, name] = splitKey(key);
      out.push({
        key,
        kind,
        intent: kind === 'intent' ? name : null,
        region: kind === 'region' ? name : null,
        count,
        ratePerMin,
        baselinePerMin,
        perMinute: this.window.perMinute(key),
        sampleMessageIds: [...stats.samples],
        topTerms: top(stats.terms, 5),
        regions: Object.fromEntries(top(stats.regions, 5).map((r) => [r, stats.regions.get(r)!])),
        channels: Object.fromEntries(stats.channels),
        reps: kind === 'topic' ? [...(this.clusters.get(Number(name))?.reps ?? [])] : [...stats.reps],
        open: count >= this.config.minCount && ratePerMin >= this.config.rateRatio * baselinePerMin,
      });
    }
    return out;
  }

  private statsOf(key: string): KeyStats {
    let stats = this.stats.get(key);
    if (!stats) {
      stats = { samples: [], terms: new Map(), regions: new Map(), channels: new Map(), reps: [] };
      this.stats.set(key, stats);
    }
    return stats;
  }

  /** A merged cluster's tallies (window counts and stats) join the cluster it merged into. */
  private mergeStats(from: string, into: string): void {
    this.window.move(from, into);
    const a = this.stats.get(from);
    if (!a) return;
    const b = this.statsOf(into);
    b.samples = [...a.samples, ...b.samples].slice(-SAMPLES);
    for (const [field, map] of [
      ['terms', a.terms],
      ['regions', a.regions],
      ['channels', a.channels],
    ] as const) {
      for (const [k, n] of map) bump(b[field], k, n);
    }
    this.stats.delete(from);
  }
}

function splitKey(key: string): [SurgeKind, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as SurgeKind, key.slice(i + 1)];
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function top(map: ReadonlyMap<string, number>, n: number): string[] {
  return [...map]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([k]) => k);
}
