// HSTS over https (a trusted proxy's X-Forwarded-Proto), Cache-Control: no-store on every answer
// that carries a token or citizen text, and /metrics only for its bearer token or, without one,
// for a direct loopback client.
import { loadConfig } from '../../server/config';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from './support/test-app';

// Each test starts its own app.
jest.setTimeout(STARTUP_TIMEOUT_MS);
const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close();
});
async function start(config: Parameters<typeof startTestApp>[0] = {}) {
  const app = await startTestApp(config);
  apps.push(app);
  return app;
}

test('HSTS only over https; no-store on the chat answer, the transcript and the event stream', async () => {
  const app = await start({ env: { TRUST_PROXY: '1', STREAM_HEARTBEAT_SECONDS: '0.05' } });
  const plain = await fetch(`${app.url}/healthz`);
  expect(plain.headers.get('strict-transport-security')).toBeNull();
  const secure = await fetch(`${app.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
  expect(secure.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);

  const posted = await fetch(`${app.url}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: '안녕하세요' }),
  });
  expect(posted.status).toBe(201);
  expect(posted.headers.get('cache-control')).toBe('no-store');
  const { conversationId, accessToken } = (await posted.json()) as { conversationId: string; accessToken: string };
  const transcript = await fetch(`${app.url}/api/v1/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${accessToken}` } });
  expect(transcript.headers.get('cache-control')).toBe('no-store');
  const controller = new AbortController();
  const stream = await fetch(`${app.url}/api/v1/conversations/${conversationId}/events?token=${accessToken}`, { signal: controller.signal });
  expect(stream.headers.get('cache-control')).toMatch(/no-store/);
  controller.abort();
  // Static pages may be cached.
  expect((await fetch(`${app.url}/chat.html`)).headers.get('cache-control')).not.toBe('no-store');
});

test('/metrics needs METRICS_TOKEN when set, and otherwise answers direct loopback clients only', async () => {
  const token = loadConfig({ METRICS_TOKEN: 'prometheus-scrape-token' }).metricsToken!;
  const locked = await start({ env: { METRICS_TOKEN: token } });
  expect((await fetch(`${locked.url}/metrics`)).status).toBe(401);
  expect((await fetch(`${locked.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  const ok = await fetch(`${locked.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(ok.status).toBe(200);
  expect(await ok.text()).toMatch(/sotong_messages_in_total/);

  const open = await start({ env: { TRUST_PROXY: '1' } });
  expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
  // Through a proxy (even a local one) the caller is not on this machine.
  expect((await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
});
