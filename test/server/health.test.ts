// /healthz, /readyz (200 when the database and job queue answer, 503 naming the failing check),
// and /metrics in Prometheus text format. One composed app (real pipeline, PGlite in memory,
// in-process jobs) serves every test; a failing check is the real part's ping made to fail.
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { exactTriage } from '../support/pipeline-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ triage: exactTriage({ 안녕: { intent: 'chat.greeting', action: 'smalltalk', confidence: 0.99 } }) });
}, STARTUP_TIMEOUT_MS);
afterAll(() => app?.close());
afterEach(() => jest.restoreAllMocks());

type Fault = { database?: () => Promise<boolean>; jobs?: () => Promise<boolean> };
/** Makes the composed database's or job queue's own ping fail, as an outage would. */
function inject(fault: Fault): void {
  if (fault.database) jest.spyOn(app.composed.database, 'ping').mockImplementation(fault.database);
  if (fault.jobs) jest.spyOn(app.composed.jobs, 'ping').mockImplementation(fault.jobs);
}

test('/healthz answers while the process is alive, even with the database down', async () => {
  inject({ database: async () => false });
  const response = await fetch(`${app.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('/readyz is 200 when both checks pass', async () => {
  const response = await fetch(`${app.url}/readyz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });
});

test.each([
  ['database ping fails', { database: async () => false }, { database: 'failed', jobs: 'ok' }],
  ['database ping throws', { database: async () => Promise.reject(new Error('ECONNREFUSED')) }, { database: 'failed', jobs: 'ok' }],
  ['job queue hangs', { jobs: () => new Promise<boolean>(() => {}) }, { database: 'ok', jobs: 'timeout' }],
])('/readyz is 503 when the %s', async (_name, fault: Fault, checks) => {
  inject(fault);
  const response = await fetch(`${app.url}/readyz`, { headers: { 'accept-language': 'en' } });
  expect(response.status).toBe(503);
  const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
  expect(body.error.code).toBe('SOTONG_ERR_UNAVAILABLE');
  expect(body.error.details).toEqual({ checks });
  const failing = Object.entries(checks).find(([, v]) => v !== 'ok')!;
  expect(body.error.message).toContain(`${failing[0]} ${failing[1]}`);
});

test('/metrics exposes the four series in Prometheus text format, fed by real traffic', async () => {
  const asked = await fetch(`${app.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '안녕' }),
  });
  expect(asked.status).toBe(201);

  const response = await fetch(`${app.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  expect(text).toContain('# TYPE sotong_messages_in_total counter');
  expect(text).toContain('sotong_messages_in_total{channel="web"} 1');
  expect(text).toContain('sotong_decisions_total{action="smalltalk"} 1');
  expect(text).toContain('# TYPE sotong_triage_duration_seconds histogram');
  expect(text).toContain('sotong_triage_duration_seconds_bucket{le="+Inf"} 1');
  expect(text).toContain('sotong_triage_duration_seconds_count 1');
  // Buckets are cumulative: the one observation sits in every bucket from its own upwards.
  const buckets = [...text.matchAll(/^sotong_triage_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)].map((m) => Number(m[2]));
  expect(buckets.length).toBeGreaterThan(3);
  expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
  expect(text).toMatch(/^sotong_job_queue_depth\{queue="inbound"\} \d+$/m);
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

test('the composed pipeline counts new inbound messages per channel, not duplicates', async () => {
  const message = {
    channel: 'x' as const,
    externalId: `tw:${Date.now()}`,
    userId: 'u',
    threadKey: 'x:t',
    isPublic: true,
    text: 'hi',
    sentAt: new Date(),
    replyTarget: {},
  };
  const first = await app.composed.pipeline.ingest(message, { enqueue: false });
  await app.composed.pipeline.ingest(message, { enqueue: false });
  await app.composed.pipeline.ingest({ ...message, externalId: `${message.externalId}-2` }, { enqueue: false });
  const text = await (await fetch(`${app.url}/metrics`)).text();
  expect(text).toContain('sotong_messages_in_total{channel="x"} 2');
  // The other methods still reach the wrapped pipeline.
  expect(await app.composed.pipeline.listMessages(first.conversationId)).toHaveLength(2);
});
