// A tiny Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms
// with labels. No client library is installed and we need only these four series.

export type Labels = Readonly<Record<string, string>>;

interface Series<V> {
  readonly labels: Labels;
  value: V;
}

interface HistogramValue {
  readonly buckets: number[];
  sum: number;
  count: number;
}

abstract class Metric<V> {
  protected readonly series = new Map<string, Series<V>>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}

  protected entry(labels: Labels, initial: () => V): Series<V> {
    const key = labelText(labels);
    let found = this.series.get(key);
    if (!found) {
      found = { labels: { ...labels }, value: initial() };
      this.series.set(key, found);
    }
    return found;
  }

  abstract lines(): string[];
}

export class Counter extends Metric<number> {
  constructor(name: string, help: string) {
    super(name, help, 'counter');
  }
  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError(`counter ${this.name} cannot go down`);
    this.entry(labels, () => 0).value += by;
  }
  get(labels: Labels = {}): number {
    return this.series.get(labelText(labels))?.value ?? 0;
  }
  lines(): string[] {
    return [...this.series.values()].map((s) => `${this.name}${labelText(s.labels)} ${formatNumber(s.value)}`);
  }
}

export class Gauge extends Metric<number> {
  constructor(name: string, help: string) {
    super(name, help, 'gauge');
  }
  set(labels: Labels, value: number): void {
    this.entry(labels, () => 0).value = value;
  }
  /** Drops every series (a collector that recomputes the whole gauge at each scrape). */
  reset(): void {
    this.series.clear();
  }
  lines(): string[] {
    return [...this.series.values()].map((s) => `${this.name}${labelText(s.labels)} ${formatNumber(s.value)}`);
  }
}

export class Histogram extends Metric<HistogramValue> {
  constructor(
    name: string,
    help: string,
    /** Upper bounds, ascending; +Inf is implied. */
    readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(value: number, labels: Labels = {}): void {
    const series = this.entry(labels, () => ({ buckets: this.bounds.map(() => 0), sum: 0, count: 0 })).value;
    this.bounds.forEach((bound, i) => {
      if (value <= bound) series.buckets[i]! += 1;
    });
    series.sum += value;
    series.count += 1;
  }
  lines(): string[] {
    return [...this.series.values()].flatMap(({ labels, value }) => [
      ...this.bounds.map((bound, i) => `${this.name}_bucket${labelText({ ...labels, le: formatNumber(bound) })} ${value.buckets[i]}`),
      `${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${value.count}`,
      `${this.name}_sum${labelText(labels)} ${formatNumber(value.sum)}`,
      `${this.name}_count${labelText(labels)} ${value.count}`,
    ]);
  }
}

export interface MetricsRegistry {
  readonly messagesIn: Counter;
  readonly decisions: Counter;
  readonly triageDuration: Histogram;
  readonly jobQueueDepth: Gauge;
  /** Adds a metric owned elsewhere (e.g. the handoff gauges) to the exposition. */
  register<M extends Counter | Gauge | Histogram>(metric: M): M;
  /** Runs before each scrape, e.g. to read the job queue depth. */
  onCollect(collector: () => Promise<void>): void;
  /** The exposition text, after running the collectors. */
  render(): Promise<string>;
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export function createMetrics(): MetricsRegistry {
  const messagesIn = new Counter('sotong_messages_in_total', 'Inbound citizen messages stored, by channel.');
  const decisions = new Counter('sotong_decisions_total', 'Triage decisions, by action.');
  // Triage is budgeted at 1 ms p99, so the buckets are fine-grained below that.
  const triageDuration = new Histogram('sotong_triage_duration_seconds', 'Time spent in triage() per message.', [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.25,
  ]);
  const jobQueueDepth = new Gauge('sotong_job_queue_depth', 'Jobs waiting or delayed, by queue.');
  const metrics: Metric<unknown>[] = [messagesIn, decisions, triageDuration, jobQueueDepth];
  const collectors: Array<() => Promise<void>> = [];

  return {
    messagesIn,
    decisions,
    triageDuration,
    jobQueueDepth,
    register(metric) {
      if (metrics.some((m) => m.name === metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
      metrics.push(metric as Metric<unknown>);
      return metric;
    },
    onCollect: (collector) => {
      collectors.push(collector);
    },
    async render() {
      // A failing collector leaves its series stale rather than failing the scrape.
      await Promise.allSettled(collectors.map((collect) => collect()));
      return `${metrics.flatMap((m) => [`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.lines()]).join('\n')}\n`;
    },
  };
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
