// With Redis, the web-chat rate limit, the X CRC limit and the stream caps are counted in one
// place: two API processes (two apps, each with its own Redis connection, same key prefix) share
// one bucket, so a client cannot double its allowance by reaching the other process.
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createLimitStore } from '../../limits/create-limit-store';
import type { LimitStore } from '../../limits/types';
import { channelRouters } from '../../server/channel-wiring';
import type { Config } from '../../server/config';
import { errorHandler } from '../../server/middleware/error-handler';
import { silentLogger } from '../../core/logger';
import { describeWithServers, TEST_REDIS_URL } from '../support/backends';
import { listen, type Running } from './support/http';
import { createMemoryPipeline, tableTriage } from './support/memory-pipeline';
import { createInProcessEvents } from '../../events/in-process-events';
import { startTestApp, type TestApp } from './support/test-app';
import { openSse, type SseConnection } from '../web/sse-client';

describeWithServers({ redis: true }, 'limits shared through Redis across two API processes', () => {
  let stores: LimitStore[];
  const running: Array<{ close(): Promise<void> }> = [];
  const sse: SseConnection[] = [];

  beforeEach(() => {
    // One prefix per test: both "processes" of a test share it, nothing else does.
    const prefix = `sotong-test-limits-${randomBytes(5).toString('hex')}:`;
    stores = [createLimitStore({ redisUrl: TEST_REDIS_URL, prefix }), createLimitStore({ redisUrl: TEST_REDIS_URL, prefix })];
  });
  afterEach(async () => {
    for (const s of sse.splice(0)) s.close();
    for (const r of running.splice(0)) await r.close();
    for (const store of stores) await store.close();
  });

  async function twoApps(options: Parameters<typeof startTestApp>[0]): Promise<[TestApp, TestApp]> {
    const apps = [await startTestApp({ ...options, limits: stores[0] }), await startTestApp({ ...options, limits: stores[1] })] as [TestApp, TestApp];
    running.push(...apps);
    return apps;
  }

  const post = (app: TestApp, text: string) =>
    fetch(`${app.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

  test('the web-chat limit (3 a minute) holds over both apps together: the 4th post is refused whichever app gets it', async () => {
    const [a, b] = await twoApps({ config: { webChatRateLimit: 3 } });
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await post(app, '여권 발급')).status);
    expect(statuses.slice(0, 3).every((status) => status < 300)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const refused = await post(b, 'again');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  test('the stream cap per conversation (2) holds over both apps, and a closed stream frees its place for the other app', async () => {
    const [a, b] = await twoApps({ streamCaps: { maxPerConversation: 2, maxPerIp: 10 }, heartbeatMs: 50 });
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
    const channels = {
      x: {
        consumerSecret: 'x-consumer-secret',
        apiKey: 'k',
        accessToken: 't',
        accessSecret: 's',
        accountId: '42',
        apiBaseUrl: 'http://127.0.0.1:1',
        pollIntervalMs: 0,
      },
    } as unknown as Config['channels'];
    const pipeline = createMemoryPipeline(tableTriage({}), createInProcessEvents());
    const apps: Running[] = [];
    for (const store of stores) {
      const app = express();
      app.use('/webhooks/x', channelRouters(channels, pipeline, silentLogger, store).x!);
      app.use(errorHandler(silentLogger, '64kb'));
      apps.push(await listen(app));
    }
    running.push(...apps);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await fetch(`${apps[i % 2]!.url}/webhooks/x?crc_token=crc-token-${i}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

test('without Redis each app counts on its own (the in-memory store)', async () => {
  const apps = [await startTestApp({ config: { webChatRateLimit: 1 } }), await startTestApp({ config: { webChatRateLimit: 1 } })];
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
