// Dead letters on /metrics, recomputed from the database at each scrape: work set aside after
// failing the same way on every attempt, and platform events refused as given. Non-zero means an
// operator (or the console's dead-letter list) should look.
import type { Kysely } from 'kysely';
import { countDeadLetters } from '../store/dead-letter-repository';
import type { Schema } from '../store/schema';
import type { MetricsRegistry } from './metrics';

export function collectDeadLetters(db: Kysely<Schema>, metrics: MetricsRegistry): void {
  const gauge = metrics.gauge(
    'sotong_dead_letters',
    'Work set aside after bounded tries (kind: message, outbox) and platform events rejected as given (kind: rejected_event).',
    ['kind'],
  );
  metrics.onCollect(async () => {
    const counts = await countDeadLetters(db);
    gauge.set({ kind: 'message' }, counts.messages);
    gauge.set({ kind: 'outbox' }, counts.outbox);
    gauge.set({ kind: 'rejected_event' }, counts.rejectedEvents);
  });
}
