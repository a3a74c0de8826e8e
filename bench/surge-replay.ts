// The disaster-day replay: a synthetic day (bench/surge-day.ts) sent through the real webhooks of
// a running server (X Account Activity, Meta page webhook, Kakao skill, web chat), signed as the
// platforms sign them, with fake platform APIs behind the senders. The bench plays the
// supervisor: when a topic surge opens it waits SUPERVISOR_DELAY_S and pins an answer. Reports
// time to detect, the share of burst messages answered by the pinned answer once it was set,
// danger kept urgent, the agents' queue depth over time with and without grouping, and latency
// percentiles. The server is the real composition root (startServer, PGlite, in-process jobs).
//   npx tsx bench/surge-replay.ts [seed=1] [speed=1]
// speed > 1 plays the day faster: the server then sees every rate multiplied by `speed`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../intents/loader';
import { loadConfig } from '../server/config';
import { silentLogger } from '../core/logger';
import { startServer } from '../server/main';
import { FakeGraphApi } from '../test/fakes/fake-graph-api';
import { FakeServer } from '../test/fakes/http-fake';
import { kakaoDelivery, metaDelivery, xDelivery, type Delivery } from '../test/fakes/platform-signers';
import { syntheticDay, type DayPlan, type TimedMessage } from './surge-day';

const SEED = Number(process.argv[2] ?? 1);
const SPEED = Number(process.argv[3] ?? 1);
const PLAN: DayPlan = { baseRatePerMin: 30, burstStartMin: 3, burstMinutes: 2, burstRatePerMin: 150, dangerCount: 6, totalMinutes: 7 };
const SUPERVISOR_DELAY_S = 20;
const SAMPLE_EVERY_MS = 10_000;

const X = { secret: 'bench_consumer_secret', account: '1500000000000000001' };
const META = { secret: 'bench_app_secret', page: '104000000000001', verify: 'bench-verify', token: 'bench-page-token' };
const KAKAO_SECRET = 'bench-kakao-skill-secret';
const ADMIN = { email: 'admin@bench.local', password: 'bench admin password' };

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

interface Sent {
  readonly message: TimedMessage;
  /** How to find its stored message: x/facebook external id, kakao user, web message id. */
  readonly ref: { externalId?: string; kakaoUser?: string; messageId?: string };
  readonly sentAt: number;
  httpMs?: number;
}

let serial = 0;
function delivery(m: TimedMessage): { path: string; delivery: Delivery; ref: Sent['ref'] } | { path: string; web: string } {
  const n = ++serial;
  const user = String(7_000_000_000 + n);
  switch (m.channel) {
    case 'x': {
      const id = String(1_897_000_000_000_000_000n + BigInt(n));
      const tweet = {
        created_at: new Date().toUTCString(),
        id_str: id,
        text: `@gov_helpline ${m.text}`,
        truncated: false,
        lang: 'ko',
        in_reply_to_user_id_str: X.account,
        user: { id_str: user, screen_name: `citizen${n}`, name: `citizen ${n}` },
        entities: { user_mentions: [{ id_str: X.account, screen_name: 'gov_helpline' }] },
      };
      return { path: '/webhooks/x', delivery: xDelivery(X.secret, { for_user_id: X.account, tweet_create_events: [tweet] }), ref: { externalId: `tw:${id}` } };
    }
    case 'facebook': {
      const mid = `m_bench${n}`;
      const event = { sender: { id: user }, recipient: { id: META.page }, timestamp: Date.now(), message: { mid, text: m.text } };
      return {
        path: '/webhooks/facebook',
        delivery: metaDelivery(META.secret, { object: 'page', entry: [{ id: META.page, time: Date.now(), messaging: [event] }] }),
        ref: { externalId: mid },
      };
    }
    case 'kakao': {
      const kakaoUser = `bench${n}`;
      const body = {
        intent: { id: 'b1', name: '민원' },
        userRequest: {
          timezone: 'Asia/Seoul',
          lang: 'ko',
          utterance: m.text,
          params: { surface: 'Kakaotalk.plusfriend' },
          block: { id: 'b1', name: '민원' },
          user: { id: kakaoUser, type: 'botUserKey', properties: {} },
        },
        bot: { id: 'bot1', name: '민원봇' },
        action: { id: 'a1', name: 'skill', params: {}, detailParams: {}, clientExtra: {} },
        contexts: [],
      };
      return { path: '/webhooks/kakao', delivery: kakaoDelivery(KAKAO_SECRET, body), ref: { kakaoUser } };
    }
    case 'web':
      return { path: '/api/v1/messages', web: m.text };
  }
}

async function main(): Promise<void> {
  const catalog = loadCatalog();
  const day = syntheticDay(SEED, catalog, PLAN);
  const graph = await new FakeGraphApi(META.token).start();
  // X's send endpoints: every reply is accepted (rate limits are the sender's own test's business).
  let tweetId = 1n;
  const xApi = new FakeServer(() => ({
    status: 201,
    body: { data: { id: String(1_950_000_000_000_000_000n + tweetId++), text: 'ok', dm_event_id: `dm${tweetId}` } },
  }));
  await xApi.start();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-surge-replay-'));
  const config = loadConfig({
    PORT: '0',
    SOTONG_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEB_CHAT_RATE_LIMIT: '100000',
    SOTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
    SOTONG_ADMIN_EMAIL: ADMIN.email,
    SOTONG_ADMIN_PASSWORD: ADMIN.password,
    X_CONSUMER_SECRET: X.secret,
    X_API_KEY: 'k',
    X_ACCESS_TOKEN: 't',
    X_ACCESS_SECRET: 's',
    X_ACCOUNT_ID: X.account,
    X_API_BASE_URL: xApi.url,
    FB_APP_SECRET: META.secret,
    FB_VERIFY_TOKEN: META.verify,
    FB_PAGE_TOKEN: META.token,
    FB_PAGE_ID: META.page,
    FB_GRAPH_BASE_URL: graph.url,
    KAKAO_SKILL_SECRET: KAKAO_SECRET,
    SURGE_TICK_SECONDS: '5',
  });
  const server = await startServer(config, { role: 'all', logger: silentLogger, print: () => undefined });
  const url = server.url!;
  const db = server.composed.database.db;
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) }).then(
    (r) => r.json(),
  );
  const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
  const api = (method: string, p: string, body?: unknown) =>
    fetch(url + p, { method, headers: auth, ...(body ? { body: JSON.stringify(body) } : {}) }).then((r) => r.json());

  const start = Date.now();
  const burstStartAt = start + (PLAN.burstStartMin * 60_000) / SPEED;
  const sent: Sent[] = [];
  const inflight = new Set<Promise<void>>();
  let detectedAt: number | undefined;
  let pinnedAt: number | undefined;
  const samples: { t: number; waiting: number; grouped: number }[] = [];

  // The supervisor and the queue sampler, beside the replay.
  const watcher = setInterval(() => {
    void (async () => {
      const open = (await api('GET', '/api/v1/surges?status=open')).surges as { id: string; kind: string; intent: string | null; pinnedAnswer: unknown }[];
      const topic = open.find((s) => s.kind === 'topic');
      if (topic && detectedAt === undefined) {
        detectedAt = Date.now();
        setTimeout(() => {
          void api('POST', `/api/v1/surges/${topic.id}/pinned-answer`, {
            text: {
              ko: '폭우로 지하차도 여러 곳이 통제 중입니다. 통제 구간과 우회로는 국민재난안전포털에서 확인하세요.',
              en: 'Several underpasses are closed by flooding; see the Safety Korea portal for closures and detours.',
            },
            links: ['https://www.safekorea.go.kr'],
            expiresAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
          }).then(() => (pinnedAt = Date.now()));
        }, SUPERVISOR_DELAY_S * 1000);
      }
    })().catch(() => undefined);
  }, 1000);
  const sampler = setInterval(() => {
    void (async () => {
      const waiting = await db
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'waiting')
        .executeTakeFirstOrThrow();
      const open = (await api('GET', '/api/v1/surges?status=open')).surges as { id: string }[];
      // A ticket in several groups (a topic and a region surge) is one item; each non-empty group is one.
      const grouped = new Set<string>();
      let groups = 0;
      for (const s of open) {
        const group = (await api('GET', `/api/v1/surges/${s.id}/tickets`)) as { tickets?: { id: string }[] };
        const fresh = (group.tickets ?? []).filter((t) => !grouped.has(t.id));
        for (const t of fresh) grouped.add(t.id);
        if (fresh.length > 0) groups++;
      }
      samples.push({ t: (Date.now() - start) / 1000, waiting: Number(waiting.n), grouped: Number(waiting.n) - grouped.size + groups });
    })().catch(() => undefined);
  }, SAMPLE_EVERY_MS);

  for (const m of day) {
    const due = start + (m.atSec * 1000) / SPEED;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const d = delivery(m);
    const record: Sent = { message: m, ref: 'ref' in d ? d.ref : {}, sentAt: Date.now() };
    sent.push(record);
    const p = (async () => {
      const t0 = performance.now();
      if ('web' in d) {
        const res = await fetch(url + d.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: d.web }) });
        (record.ref as { messageId?: string }).messageId = ((await res.json()) as { messageId: string }).messageId;
      } else {
        const res = await fetch(url + d.path, { method: 'POST', headers: d.delivery.headers, body: d.delivery.body });
        await res.arrayBuffer();
      }
      record.httpMs = performance.now() - t0;
    })().catch((error) => console.error('send failed', error));
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }
  await Promise.all(inflight);
  await new Promise((r) => setTimeout(r, 15_000)); // let the queues drain and the last samples come in
  clearInterval(watcher);
  clearInterval(sampler);

  const rows = await db
    .selectFrom('messages')
    .innerJoin('decisions', 'decisions.message_id', 'messages.id')
    .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
    .innerJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .select([
      'messages.id',
      'messages.external_id',
      'messages.created_at',
      'contacts.platform_user_id',
      'decisions.action',
      'decisions.reason',
      'decisions.created_at as decided_at',
    ])
    .execute();
  const byRef = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    byRef.set(`id:${r.id}`, r);
    if (r.external_id) byRef.set(`ext:${r.external_id}`, r);
    byRef.set(`user:${r.platform_user_id}`, r);
  }
  const decisionOf = (s: Sent) =>
    byRef.get(s.ref.messageId ? `id:${s.ref.messageId}` : s.ref.externalId ? `ext:${s.ref.externalId}` : `user:${s.ref.kakaoUser}`);

  const burst = sent.filter((s) => s.message.kind === 'burst');
  const afterPin = pinnedAt ? burst.filter((s) => s.sentAt > pinnedAt!) : [];
  const pinnedShare = afterPin.filter((s) => decisionOf(s)?.reason === 'surge_pinned').length;
  const urgentAfterPin = afterPin.filter((s) => decisionOf(s)?.action === 'urgent').length;
  const danger = sent.filter((s) => s.message.kind === 'danger');
  const dangerUrgent = danger.filter((s) => decisionOf(s)?.action === 'urgent').length;
  const background = sent.filter((s) => s.message.kind === 'background');
  const backgroundPinned = background.filter((s) => decisionOf(s)?.reason === 'surge_pinned').length;
  const undecided = sent.filter((s) => !decisionOf(s)).length;
  const http = sent.flatMap((s) => (s.httpMs !== undefined ? [s.httpMs] : [])).sort((a, b) => a - b);
  const processing = sent
    .flatMap((s) => {
      const d = decisionOf(s);
      return d ? [d.decided_at.getTime() - d.created_at.getTime()] : [];
    })
    .sort((a, b) => a - b);
  const fmt = (n: number) => n.toFixed(0);

  console.log(
    `surge replay: seed ${SEED}, speed ${SPEED}, ${sent.length} messages (${background.length} background, ${burst.length} burst, ${danger.length} danger) over ${((Date.now() - start) / 1000).toFixed(0)} s; ${undecided} without a decision`,
  );
  console.log(`plan: ${JSON.stringify(PLAN)}; supervisor pins ${SUPERVISOR_DELAY_S} s after detection; detection tick 5 s`);
  console.log('| Measure | Value |');
  console.log('|---|---|');
  console.log(
    `| Time to detect (burst start → topic surge listed) | ${detectedAt ? ((detectedAt - burstStartAt) / 1000).toFixed(1) + ' s' : 'not detected'} |`,
  );
  const english = afterPin.filter((s) => s.message.language === 'en' && decisionOf(s)?.reason !== 'surge_pinned' && decisionOf(s)?.action !== 'urgent').length;
  const notUrgent = afterPin.length - urgentAfterPin;
  console.log(
    `| Burst messages after the pin answered by it (\`surge_pinned\`) | ${pinnedShare} / ${afterPin.length} (${afterPin.length ? ((100 * pinnedShare) / afterPin.length).toFixed(1) : '—'}%) |`,
  );
  console.log(
    `| … of those the classifier did not call urgent | ${pinnedShare} / ${notUrgent} (${notUrgent ? ((100 * pinnedShare) / notUrgent).toFixed(1) : '—'}%); ${urgentAfterPin} classified urgent kept 119/112; ${english} English variants missed (their own, smaller cluster) |`,
  );
  console.log(
    `| Danger messages kept \`urgent\` | ${dangerUrgent} / ${danger.length} (${danger.length ? ((100 * dangerUrgent) / danger.length).toFixed(0) : '—'}%) |`,
  );
  console.log(`| Background (catalog) messages given the pinned answer | ${backgroundPinned} / ${background.length} |`);
  console.log(
    `| Webhook HTTP answer p50 / p95 / p99, all channels | ${fmt(percentile(http, 50))} / ${fmt(percentile(http, 95))} / ${fmt(percentile(http, 99))} ms |`,
  );
  for (const channel of ['x', 'facebook', 'kakao', 'web'] as const) {
    const ms = sent
      .filter((s) => s.message.channel === channel && s.httpMs !== undefined)
      .map((s) => s.httpMs!)
      .sort((a, b) => a - b);
    console.log(`| … ${channel} (${ms.length}) | ${fmt(percentile(ms, 50))} / ${fmt(percentile(ms, 95))} / ${fmt(percentile(ms, 99))} ms |`);
  }
  console.log(
    `| Stored → decided p50 / p95 / p99 | ${fmt(percentile(processing, 50))} / ${fmt(percentile(processing, 95))} / ${fmt(percentile(processing, 99))} ms |`,
  );
  console.log('');
  console.log('| t (s) | waiting tickets | agent queue items with grouping |');
  console.log('|---|---|---|');
  for (const s of samples) console.log(`| ${s.t.toFixed(0)} | ${s.waiting} | ${s.grouped} |`);

  await server.stop('bench over');
  await graph.close();
  await xApi.close();
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
