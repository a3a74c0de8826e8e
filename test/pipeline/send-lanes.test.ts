// Each platform sends through a lane of its own with its own rate limit (pipeline/deps.ts
// DEFAULT_SEND_LANES): when Meta answers 429 with Retry-After, the Facebook lane waits that long,
// and X replies go out meanwhile. The system is the one compose builds (in-process jobs on PGlite;
// BullMQ on PostgreSQL + Redis), against fake Graph and X APIs in their wire formats.
import { FakeGraphApi, graphError } from '../fakes/fake-graph-api';
import { FakeXApi } from '../fakes/fake-x-api';
import { metaDelivery, xDelivery } from '../fakes/platform-signers';
import { META_SECRET, PAGE_ID, X_ACCOUNT, X_SECRET, fbMessage, fbPage, xActivity, xDm } from '../channels/support/payloads';
import { describeEachDatabaseKind, eventually, jobsEnv, removeTestQueues } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { seedCatalog } from '../support/seed-catalog';
import { exactTriage } from '../support/pipeline-fixtures';

const FB_TEXT = '운전면허 갱신 기간이 궁금합니다';
const X_TEXT = '주민등록등본 발급 방법 알려주세요';
const TRIAGE = exactTriage({
  [FB_TEXT]: { intent: 'license.renew', confidence: 0.95, action: 'auto_answer', reply: { text: '운전면허 갱신은 생일 전후 6개월입니다.', links: [] } },
  [X_TEXT]: { intent: 'cert.resident', confidence: 0.95, action: 'auto_answer', reply: { text: '정부24에서 발급하세요.', links: [] } },
});
const RETRY_AFTER_S = 3;

describeEachDatabaseKind('send lanes: a throttled platform does not delay another', (kind) => {
  const graph = new FakeGraphApi('lanes-page-token');
  const x = new FakeXApi();
  let running: ComposedServer;

  beforeAll(async () => {
    await graph.start();
    await x.start();
    const catalog = seedCatalog();
    running = await startComposedServer(kind, {
      env: {
        FB_APP_SECRET: META_SECRET,
        FB_VERIFY_TOKEN: 'verify',
        FB_PAGE_TOKEN: 'lanes-page-token',
        FB_PAGE_ID: PAGE_ID,
        FB_GRAPH_BASE_URL: graph.url,
        X_CONSUMER_SECRET: X_SECRET,
        X_API_KEY: 'x-api-key',
        X_ACCESS_TOKEN: 'x-access-token',
        X_ACCESS_SECRET: 'x-access-secret',
        X_ACCOUNT_ID: X_ACCOUNT,
        X_API_BASE_URL: x.url,
        // On PostgreSQL the jobs run on BullMQ, whose limiter holds across worker processes.
        ...jobsEnv(kind),
      },
      overrides: { model: { triage: () => TRIAGE, catalog: () => catalog } },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await running?.close();
    // BullMQ's keys under this suite's prefix (jobsEnv) go with it.
    await removeTestQueues();
    await graph.close();
    await x.close();
  });

  const postFacebook = async (psid: string, mid: string) => {
    const delivery = metaDelivery(META_SECRET, fbPage({ messaging: [{ ...fbMessage(mid, FB_TEXT), sender: { id: psid }, timestamp: Date.now() }] }));
    const response = await fetch(`${running.url}/webhooks/facebook`, { method: 'POST', body: delivery.body, headers: delivery.headers });
    expect(response.status).toBe(200);
  };

  test('Meta answers 429 with Retry-After: Facebook replies wait it out, X replies go out meanwhile, each once', async () => {
    graph.server.script('POST /v21.0/me/messages', {
      status: 429,
      headers: { 'retry-after': String(RETRY_AFTER_S) },
      body: graphError(429, 4, '(#4) Application request limit reached').body,
    });
    await postFacebook('7000000000000101', 'm_lanes_1');
    await eventually(async () => graph.server.requests.length === 1, 10_000, 'the first Facebook send (answered 429)');
    const throttledAt = Date.now();

    await postFacebook('7000000000000102', 'm_lanes_2');
    const delivery = xDelivery(X_SECRET, xActivity({ dms: [xDm('1897000000000000301', '42424242', X_TEXT)] }));
    expect((await fetch(`${running.url}/webhooks/x`, { method: 'POST', body: delivery.body, headers: delivery.headers })).status).toBe(200);

    // X is answered well inside Meta's Retry-After, while Facebook sends nothing.
    await eventually(async () => x.dms.length === 1, (RETRY_AFTER_S * 1000) / 2, 'the X reply, while Facebook waits');
    expect(graph.sent).toEqual([]);
    expect(graph.server.requests.length).toBe(1);

    // After the wait, both Facebook replies go out, once each.
    await eventually(async () => graph.sent.length === 2, 20_000, 'the Facebook replies after Retry-After');
    expect(Date.now() - throttledAt).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 200);
    expect(graph.sent.map((s) => s.recipient.id).sort()).toEqual(['7000000000000101', '7000000000000102']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(graph.sent.length).toBe(2);
    expect(x.dms.length).toBe(1);
  });
});
