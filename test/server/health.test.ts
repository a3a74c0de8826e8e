// /healthz, /readyz (200 when the database and job queue answer, 503 naming the failing check),
// and /metrics in Prometheus text format.
import { createMemoryPipeline, tableTriage } from './support/memory-pipeline';
import { startTestApp, type TestApp } from './support/test-app';

const running: TestApp[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});
async function start(...args: Parameters<typeof startTestApp>) {
  const app = await startTestApp(...args);
  running.push(app);
  return app;
}

test('/healthz answers while the process is alive, even with the database down', async () => {
  const app = await start({ database: { ping: async () => false } });
  const response = await fetch(`${app.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('/readyz is 200 when both checks pass', async () => {
  const app = await start();
  const response = await fetch(`${app.url}/readyz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
});

test.each([
  ['database ping fails', { database: { ping: async () => false } }, { database: 'failed', jobs: 'ok' }],
  ['database ping throws', { database: { ping: async () => Promise.reject(new Error('ECONNREFUSED')) } }, { database: 'failed', jobs: 'ok' }],
  ['job queue hangs', { jobs: { ping: () => new Promise<boolean>(() => {}) } }, { database: 'ok', jobs: 'timeout' }],
])('/readyz is 503 when the %s', async (_name, options, checks) => {
  const app = await start(options);
  const response = await fetch(`${app.url}/readyz`, { headers: { 'accept-language': 'en' } });
  expect(response.status).toBe(503);
  const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
  expect(body.error.code).toBe('SOTONG_ERR_UNAVAILABLE');
  expect(body.error.details).toEqual({ checks });
  const failing = Object.entries(checks).find(([, v]) => v !== 'ok')!;
  expect(body.error.message).toContain(`${failing[0]} ${failing[1]}`);
});

test('/metrics exposes the four series in Prometheus text format, fed by real traffic', async () => {
  const app = await start({
    pipeline: (events) => createMemoryPipeline(tableTriage({ 안녕: { intent: 'chat.greeting', action: 'smalltalk', confidence: 0.99 } }), events),
  });
  app.metrics.jobQueueDepth.set({ queue: 'inbound' }, 3);
  app.metrics.messagesIn.inc({ channel: 'web' });
  app.metrics.decisions.inc({ action: 'smalltalk' });
  app.metrics.triageDuration.observe(0.0004);

  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  expect(text).toContain('# TYPE sotong_messages_in_total counter');
  expect(text).toContain('sotong_messages_in_total{channel="web"} 1');
  expect(text).toContain('sotong_decisions_total{action="smalltalk"} 1');
  expect(text).toContain('# TYPE sotong_triage_duration_seconds histogram');
  expect(text).toContain('sotong_triage_duration_seconds_bucket{le="0.0005"} 1');
  expect(text).toContain('sotong_triage_duration_seconds_bucket{le="0.00025"} 0');
  expect(text).toContain('sotong_triage_duration_seconds_bucket{le="+Inf"} 1');
  expect(text).toContain('sotong_triage_duration_seconds_count 1');
  expect(text).toContain('sotong_job_queue_depth{queue="inbound"} 3');
  // Every sample line is `name{labels} number` (default metrics have digits in names, e.g. p50).
  // prom-client separates metric families with a blank line, and the event-loop lag gauges read
  // NaN (prom-client writes `Nan`) until the first sample: both are valid exposition format.
  for (const line of text
    .trim()
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))) {
    expect(line).toMatch(/^[a-z_][a-z0-9_]*(\{[a-z_][a-z0-9_]*="[^"]*"(,[a-z_][a-z0-9_]*="[^"]*")*\})? (-?[0-9.e+-]+|Nan)$/);
  }
});
