// The handoff numbers as Prometheus gauges on the server's registry, recomputed from the database
// at each scrape over the last 24 hours, so every API process exposes the same values.
import type { Kysely } from 'kysely';
import { handoffMetrics } from '../handoff/metrics-repository';
import type { Schema } from '../store/schema';
import type { MetricsRegistry } from './metrics';

/** The window the gauges describe (the JSON endpoint takes `since` instead). */
export const PROMETHEUS_WINDOW_MS = 24 * 3_600_000;

export function collectHandoffMetrics(db: Kysely<Schema>, metrics: MetricsRegistry, now: () => Date = () => new Date()): void {
  const firstResponse = metrics.gauge(
    'sotong_handoff_first_response_seconds',
    'First-response time over the last 24 h, by responder (bot, human), channel and stat (avg, p50, p90).',
    ['responder', 'channel', 'stat'],
  );
  const sla = metrics.gauge('sotong_handoff_sla_tickets', 'Tickets opened in the last 24 h by first-response SLA outcome (met, missed, pending).', ['outcome']);
  const compliance = metrics.gauge('sotong_handoff_sla_compliance_ratio', 'Share of answered-or-missed tickets of the last 24 h that met their SLA.');
  const autoAnswer = metrics.gauge('sotong_auto_answer_ratio', 'Share of decisions in the last 24 h that were auto-answered.');
  const reasons = metrics.gauge('sotong_handoff_tickets_by_reason', 'Tickets opened in the last 24 h, by handoff reason.', ['reason']);

  metrics.onCollect(async () => {
    const m = await handoffMetrics(db, new Date(now().getTime() - PROMETHEUS_WINDOW_MS));
    for (const gauge of [firstResponse, sla, compliance, autoAnswer, reasons]) gauge.reset();
    for (const [responder, byChannel] of Object.entries(m.firstResponse)) {
      for (const [channel, t] of Object.entries(byChannel)) {
        for (const [stat, value] of [
          ['avg', t.avgSeconds],
          ['p50', t.p50Seconds],
          ['p90', t.p90Seconds],
        ] as const) {
          if (value !== null) firstResponse.set({ responder, channel, stat }, value);
        }
      }
    }
    sla.set({ outcome: 'met' }, m.sla.met);
    sla.set({ outcome: 'missed' }, m.sla.missed);
    sla.set({ outcome: 'pending' }, m.sla.pending);
    if (m.sla.compliance !== null) compliance.set(m.sla.compliance);
    if (m.autoAnswer.rate !== null) autoAnswer.set(m.autoAnswer.rate);
    for (const [reason, count] of Object.entries(m.reasons)) reasons.set({ reason }, count);
  });
}
