// Load shedding (server/load-shedding.ts): offered load well above what the pipeline can do, for
// two seconds. Every Facebook webhook is acked 200 and its message queued (none refused, none
// 5xx); the web chat is answered 503 with Retry-After once the inbound backlog passes
// SHED_INBOUND_BACKLOG; and after the load stops every accepted message is answered exactly once.
// Triage is made slow on purpose (15 ms of busy CPU per message, so at most ~65 messages/s) and
// the load is ~130 messages/s from a load generator process of its own, so the overload does not
// depend on how busy the machine is.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { sql } from 'kysely';
import { GraphProcess } from '../support/graph-process';
import { META_SECRET, PAGE_ID } from '../channels/support/payloads';
import { describeEachDatabaseKind, eventually, jobsEnv, removeTestQueues } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { seedCatalog } from '../support/seed-catalog';
import { exactTriage } from '../support/pipeline-fixtures';
import type { TriageFn } from '../../pipeline/types';

const TRIAGE_MS = 15;
const WEBHOOKS = 260;
const LOAD_MS = 2000;
const BACKLOG_LIMIT = 30;
const PSID_BASE = 7_200_000_000_000_000n;
const answer = exactTriage({});
/** Every message gets a reply, after TRIAGE_MS of busy CPU (the classifier's cost, exaggerated). */
const slowTriage: TriageFn = (text, context) => {
  const until = Date.now() + TRIAGE_MS;
  while (Date.now() < until);
  return {
    ...answer(text, context),
    intent: 'faq.any',
    confidence: 0.95,
    action: 'auto_answer',
    reply: { text: '답변입니다. Here is the answer.', links: [] },
  };
};

describeEachDatabaseKind('overload: webhooks queued, web chat shed, nothing lost', (kind) => {
  // In a process of its own: this server saturates its event loop, and a fake answering late would
  // make the sender time out on replies it did record.
  const graph = new GraphProcess('overload-page-token');
  let running: ComposedServer;

  beforeAll(async () => {
    await graph.start();
    const catalog = seedCatalog();
    running = await startComposedServer(kind, {
      env: {
        FB_APP_SECRET: META_SECRET,
        FB_VERIFY_TOKEN: 'verify',
        FB_PAGE_TOKEN: 'overload-page-token',
        FB_PAGE_ID: PAGE_ID,
        FB_GRAPH_BASE_URL: graph.url,
        SHED_INBOUND_BACKLOG: String(BACKLOG_LIMIT),
        WEB_CHAT_RATE_LIMIT: '100000',
        ...jobsEnv(kind),
      },
      overrides: { model: { triage: () => slowTriage, catalog: () => catalog } },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await running?.close();
    // BullMQ's keys under this suite's prefix (jobsEnv) go with it.
    await removeTestQueues();
    await graph.close();
  });

  /** The webhooks, from a load generator process of its own; resolves with every answer's status. */
  const flood = (): Promise<number[]> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../support/webhook-flood.ts')], {
        env: { ...process.env, URL: running.url, COUNT: String(WEBHOOKS), DURATION_MS: String(LOAD_MS), BASE: String(PSID_BASE) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) =>
        code === 0 ? resolve((JSON.parse(out) as { statuses: number[] }).statuses) : reject(new Error(`webhook-flood exited ${code}`)),
      );
    });
  /** One web-chat POST on a connection of its own (no keep-alive socket to race the server's close). */
  const postWebChat = (i: number) =>
    new Promise<{ status: number; retryAfter: string | undefined; body: Record<string, any> }>((resolve, reject) => {
      const request = http.request(
        `${running.url}/api/v1/messages`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: JSON.parse(text) as Record<string, any> }));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ text: `웹 질문 ${i}` }));
    });

  test('every webhook is acked and answered once, the web chat gets 503 + Retry-After while the backlog is deep', async () => {
    const web: Awaited<ReturnType<typeof postWebChat>>[] = [];
    const webhooks = flood();
    let flooding = true;
    void webhooks.finally(() => (flooding = false));
    // A citizen on the web chat keeps writing while the webhooks pour in (bounded).
    for (let i = 0; i < 60 && (flooding || i < 10) && !web.some((w) => w.status === 503); i++) {
      web.push(await postWebChat(i));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const statuses = await webhooks;

    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const shed = web.filter((w) => w.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    for (const w of shed) {
      expect(Number(w.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(w.body.error.code).toBe('SOTONG_ERR_OVERLOADED');
    }
    const accepted = web.filter((w) => w.status === 201);
    for (const w of accepted) expect(w.body.reply?.text).toBeTruthy();
    expect(accepted.length + shed.length).toBe(web.length);

    // After the load: every accepted message answered, exactly once.
    await eventually(async () => new Set(await graph.sentTo()).size === WEBHOOKS, 180_000, 'a reply to every webhook');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await graph.sentTo()).length).toBe(WEBHOOKS);
    const { db } = running.composed.database;
    await eventually(
      async () => {
        const { rows } = await sql<{ pending: string }>`select count(*) as pending from outbox where status <> 'sent'`.execute(db);
        return Number(rows[0]!.pending) === 0;
      },
      30_000,
      'every outbox row sent',
    );
    const { rows } = await sql<{ channel: string; n: string; unanswered: string }>`
        select m.channel, count(*) as n, count(*) filter (where m.status <> 'processed') as unanswered
        from messages m where m.direction = 'in' group by m.channel order by m.channel`.execute(db);
    expect(rows.map((r) => ({ channel: r.channel, n: Number(r.n), unanswered: Number(r.unanswered) }))).toEqual([
      { channel: 'facebook', n: WEBHOOKS, unanswered: 0 },
      ...(accepted.length > 0 ? [{ channel: 'web', n: accepted.length, unanswered: 0 }] : []),
    ]);
    // Nothing of a shed web-chat message was stored.
    const { rows: replies } = await sql<{ n: string }>`select count(*) as n from outbox`.execute(db);
    expect(Number(replies[0]!.n)).toBe(WEBHOOKS + accepted.length);
  }, 300_000);
});
