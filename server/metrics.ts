// The server's Prometheus metrics on a prom-client Registry: our counters, gauges and histograms
// next to prom-client's default process, GC and event-loop-lag metrics. One registry per composed
// app (never prom-client's global one), so tests that compose several apps do not collide.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export { Counter, Gauge, Histogram };

export interface MetricsRegistry {
  readonly registry: Registry;
  readonly messagesIn: Counter<'channel'>;
  readonly decisions: Counter<'action'>;
  readonly triageDuration: Histogram;
  readonly jobQueueDepth: Gauge<'queue'>;
  /** A gauge owned elsewhere (e.g. the handoff gauges), on this registry; a name may be used once. */
  gauge<L extends string>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>;
  /** Runs before each scrape, e.g. to read the job queue depth. */
  onCollect(collector: () => Promise<void>): void;
  /** The exposition text, after running the collectors. */
  render(): Promise<string>;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

export function createMetrics(): MetricsRegistry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const messagesIn = new Counter({
    name: 'sotong_messages_in_total',
    help: 'Inbound citizen messages stored, by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const decisions = new Counter({ name: 'sotong_decisions_total', help: 'Triage decisions, by action.', labelNames: ['action'] as const, registers });
  // Triage is budgeted at 1 ms p99, so the buckets are fine-grained below that.
  const triageDuration = new Histogram({
    name: 'sotong_triage_duration_seconds',
    help: 'Time spent in triage() per message.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25],
    registers,
  });
  const jobQueueDepth = new Gauge({ name: 'sotong_job_queue_depth', help: 'Jobs waiting or delayed, by queue.', labelNames: ['queue'] as const, registers });
  const collectors: Array<() => Promise<void>> = [];

  return {
    registry,
    messagesIn,
    decisions,
    triageDuration,
    jobQueueDepth,
    // prom-client refuses a second metric of the same name on one registry.
    gauge: (name, help, labelNames = []) => new Gauge({ name, help, labelNames, registers }),
    onCollect: (collector) => {
      collectors.push(collector);
    },
    async render() {
      // A failing collector leaves its series stale rather than failing the scrape.
      await Promise.allSettled(collectors.map((collect) => collect()));
      return registry.metrics();
    },
  };
}

/** The current value of one counter series (0 when it was never incremented). */
export async function counterValue<L extends string>(counter: Counter<L>, labels: Partial<Record<L, string>>): Promise<number> {
  const { values } = await counter.get();
  const wanted = Object.entries(labels);
  const found = values.find((v) => wanted.length === Object.keys(v.labels).length && wanted.every(([k, value]) => v.labels[k as L] === value));
  return found?.value ?? 0;
}
