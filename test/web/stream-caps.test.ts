// Event streams are bounded: per conversation token, per agent session and per client IP, with a
// clear 429 before the stream opens, and a closed stream frees its place.
import express from 'express';
import { createEventStreams } from '../../events/event-streams';
import { errorHandler } from '../../server/middleware/error-handler';
import { silentLogger } from '../../core/logger';
import { listen } from '../server/support/http';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from '../server/support/test-app';
import { openSse, type SseConnection } from './sse-client';

// Each test starts its own app.
jest.setTimeout(STARTUP_TIMEOUT_MS);
const open: SseConnection[] = [];
const apps: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const s of open.splice(0)) s.close();
});
afterAll(async () => {
  for (const app of apps) await app.close();
});

async function stream(url: string) {
  const connection = await openSse(url);
  open.push(connection);
  return connection;
}

test('one conversation token opens at most 2 streams (cap 2); the next is 429, and closing one frees a place', async () => {
  const app: TestApp = await startTestApp({ env: { STREAM_MAX_PER_CONVERSATION: '2', STREAM_MAX_PER_IP: '10', STREAM_HEARTBEAT_SECONDS: '0.05' } });
  apps.push(app);
  const posted = await fetch(`${app.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '안녕하세요' }),
  });
  const { conversationId, accessToken } = (await posted.json()) as { conversationId: string; accessToken: string };
  const url = `${app.url}/api/v1/conversations/${conversationId}/events?token=${encodeURIComponent(accessToken)}`;
  const first = await stream(url);
  expect((await stream(url)).status).toBe(200);
  const refused = await fetch(url);
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('30');
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SOTONG_ERR_RATE_LIMITED');
  expect(app.streams.size()).toBe(2);
  first.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect((await stream(url)).status).toBe(200);
});

test('one client IP opens at most its cap of streams over different conversations', async () => {
  const app: TestApp = await startTestApp({ env: { STREAM_MAX_PER_CONVERSATION: '5', STREAM_MAX_PER_IP: '3', STREAM_HEARTBEAT_SECONDS: '0.05' } });
  apps.push(app);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const posted = await fetch(`${app.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `질문 ${i}` }),
    });
    const { conversationId, accessToken } = (await posted.json()) as { conversationId: string; accessToken: string };
    statuses.push((await stream(`${app.url}/api/v1/conversations/${conversationId}/events?token=${encodeURIComponent(accessToken)}`)).status);
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
});

test('one agent session opens at most its cap of streams', async () => {
  const streams = createEventStreams({ maxPerSession: 2, heartbeatMs: 50 });
  const app = express();
  app.get('/events/:session', async (req, res) => {
    await streams.open(req, res, { session: String(req.params.session) });
  });
  app.use(errorHandler(silentLogger, '64kb'));
  const running = await listen(app);
  apps.push({ close: async () => (streams.closeAll(), await running.close()) });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await stream(`${running.url}/events/s1`)).status);
  statuses.push((await stream(`${running.url}/events/s2`)).status);
  expect(statuses).toEqual([200, 200, 429, 200]);
});
