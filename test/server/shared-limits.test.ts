// With Redis, the web-chat rate limit, the X CRC limit and the stream caps are counted in one
// place: two API processes (two apps, each with its own Redis connection, same key prefix) share
// one bucket, so a client cannot double its allowance by reaching the other process.
import { describeWithServers, TEST_REDIS_URL, uniqueName } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from './support/test-app';
import { openSse, type SseConnection } from '../web/sse-client';

// Each test starts its own two apps (or one pair of in-memory ones).
jest.setTimeout(2 * STARTUP_TIMEOUT_MS);

describeWithServers({ postgres: true, redis: true }, 'limits shared through Redis across two API processes', () => {
  const running: TestApp[] = [];
  const sse: SseConnection[] = [];

  afterEach(async () => {
    for (const s of sse.splice(0)) s.close();
    for (const r of running.splice(0)) await r.close();
  });

  /** Two processes of one deployment, built through compose: one PostgreSQL schema, one Redis prefix (X enabled for its CRC). */
  async function twoApps(env: Record<string, string>): Promise<[TestApp, TestApp]> {
    const shared = {
      ...env,
      DATABASE_SCHEMA: uniqueName('t'),
      REDIS_URL: TEST_REDIS_URL!,
      REDIS_PREFIX: uniqueName('sotong-test-limits'),
      X_CONSUMER_SECRET: 'x-consumer-secret',
      X_API_KEY: 'k',
      X_ACCESS_TOKEN: 't',
      X_ACCESS_SECRET: 's',
      X_ACCOUNT_ID: '42',
      X_API_BASE_URL: 'http://127.0.0.1:1',
    };
    running.push(await startTestApp({ kind: 'postgres', env: shared }));
    running.push(await startTestApp({ kind: 'postgres', env: shared }));
    return running.slice(-2) as [TestApp, TestApp];
  }

  const post = (app: TestApp, text: string) =>
    fetch(`${app.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

  test('the web-chat limit (3 a minute) holds over both apps together: the 4th post is refused whichever app gets it', async () => {
    const [a, b] = await twoApps({ WEB_CHAT_RATE_LIMIT: '3' });
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await post(app, '여권 발급')).status);
    expect(statuses.slice(0, 3).every((status) => status < 300)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const refused = await post(b, 'again');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  test('the stream cap per conversation (2) holds over both apps, and a closed stream frees its place for the other app', async () => {
    const [a, b] = await twoApps({ STREAM_MAX_PER_CONVERSATION: '2', STREAM_MAX_PER_IP: '10', STREAM_HEARTBEAT_SECONDS: '0.05' });
    const { conversationId, accessToken } = (await (await post(a, '안녕하세요')).json()) as { conversationId: string; accessToken: string };
    const path = `/api/v1/conversations/${conversationId}/events?token=${encodeURIComponent(accessToken)}`;
    const open = async (app: TestApp) => {
      const connection = await openSse(app.url + path);
      sse.push(connection);
      return connection;
    };
    const first = await open(a);
    expect(first.status).toBe(200);
    expect((await open(b)).status).toBe(200);
    const refused = await fetch(a.url + path);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('SOTONG_ERR_RATE_LIMITED');
    expect((await fetch(b.url + path)).status).toBe(429);
    first.close();
    let reopened = 429;
    for (let i = 0; i < 40 && reopened === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const attempt = await fetch(b.url + path);
      reopened = attempt.status;
      if (reopened === 200) void attempt.body?.cancel();
    }
    expect(reopened).toBe(200);
  });

  test('the X CRC limit (30 a minute) holds over both apps together', async () => {
    const apps = await twoApps({});
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(`${apps[i % 2]!.url}/webhooks/x?crc_token=crc-token-${i}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

test('without Redis each app counts on its own (the in-memory store)', async () => {
  const apps = [await startTestApp({ env: { WEB_CHAT_RATE_LIMIT: '1' } }), await startTestApp({ env: { WEB_CHAT_RATE_LIMIT: '1' } })];
  try {
    const statuses = [];
    for (const app of apps)
      statuses.push(
        (await fetch(`${app.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '안녕' }) }))
          .status,
      );
    statuses.push(
      (
        await fetch(`${apps[0]!.url}/api/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: '안녕' }),
        })
      ).status,
    );
    expect(statuses[0]).toBeLessThan(300);
    expect(statuses[1]).toBeLessThan(300);
    expect(statuses[2]).toBe(429);
  } finally {
    for (const app of apps) await app.close();
  }
});
