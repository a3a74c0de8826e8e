// The prom-client registry and the seams that feed it (the pipeline's: test/server/health.test.ts).
import type { JobName } from '../../jobs/types';
import { collectQueueDepth, instrumentTriage } from '../../server/instrument';
import { counterValue, createMetrics, Counter } from '../../server/metrics';
import { exactTriage } from '../support/pipeline-fixtures';

test('label values are escaped', async () => {
  const metrics = createMetrics();
  metrics.messagesIn.inc({ channel: 'a"b\\c\nd' });
  expect(await metrics.render()).toContain('sotong_messages_in_total{channel="a\\"b\\\\c\\nd"} 1');
});

test('counters cannot go down', () => {
  expect(() => new Counter({ name: 'x_total', help: 'x', registers: [] }).inc(-1)).toThrow(/not possible to decrease/);
});

test('instrumentTriage times triage and counts each decision by action', async () => {
  const metrics = createMetrics();
  const triage = instrumentTriage(exactTriage({ 불이야: { action: 'urgent' } }), metrics);
  const context = { channel: 'web', isPublic: false, recentOutOfScope: 0, now: new Date() };
  triage('불이야', context);
  triage('뭐지', context);
  triage('뭐지', context);
  expect(await counterValue(metrics.decisions, { action: 'urgent' })).toBe(1);
  expect(await counterValue(metrics.decisions, { action: 'decline' })).toBe(2);
  expect(await metrics.render()).toContain('sotong_triage_duration_seconds_count 3');
});

test('queue depth is read at scrape time; a failing read leaves the last value', async () => {
  const metrics = createMetrics();
  let depth: Record<JobName, number> | null = { inbound: 2, outbound: 0, sla: 5, surge: 0, sweep: 0, 'link-check': 0 };
  collectQueueDepth({ depth: async () => (depth ? depth : Promise.reject(new Error('redis down'))) }, metrics);
  expect(await metrics.render()).toContain('sotong_job_queue_depth{queue="sla"} 5');
  depth = null;
  expect(await metrics.render()).toContain('sotong_job_queue_depth{queue="inbound"} 2');
});

test('the default process, GC and event-loop metrics sit next to ours, one registry per app', async () => {
  const first = createMetrics();
  const second = createMetrics();
  first.messagesIn.inc({ channel: 'web' });
  const text = await first.render();
  expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  expect(text).toContain('sotong_messages_in_total{channel="web"} 1');
  // The second app's registry is its own: no shared series, no duplicate-name error.
  expect(await second.render()).not.toContain('sotong_messages_in_total{channel="web"}');
  expect(() => first.gauge('sotong_job_queue_depth', 'again')).toThrow(/already been registered/);
});
