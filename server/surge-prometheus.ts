// `sotong_surges_open`: open surges by kind, read from the database at each scrape, so every API
// process reports the same number whichever worker detected them.
import type { MetricsRegistry } from './metrics';
import type { SurgeRepository } from '../surge/surge-repository';

export function collectSurgeMetrics(repository: Pick<SurgeRepository, 'list'>, metrics: MetricsRegistry): void {
  const open = metrics.gauge('sotong_surges_open', 'Surges open now, by kind (topic, intent, region).', ['kind']);
  metrics.onCollect(async () => {
    const rows = await repository.list('open');
    open.reset();
    for (const kind of ['topic', 'intent', 'region'] as const) open.set({ kind }, rows.filter((r) => r.kind === kind).length);
  });
}
