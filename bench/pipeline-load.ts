// Open-loop load on the Facebook webhook path: messages arrive at a fixed rate whatever the
// service answers (as citizens do on a disaster day), validly signed, one per new citizen.
//   - the service as it is deployed, built by `sotong serve` (server/compose.ts): an api and a
//     worker process on PostgreSQL + Redis (own schema and key prefix), or with `--engine
//     embedded` one process on PGlite with in-process jobs (the default install);
//   - the load generator is this process; the fake Graph API, which records every reply with the
//     time it arrived, runs in a child process of its own;
//   - per offered rate: webhook ack p50/p99, ingest → reply-sent p50/p99 (from the moment the
//     POST was written to the moment the fake Graph API received the reply), the CPU of each
//     process from /proc, lost and duplicated replies, and the backlog when the offered load ends.
//
//   npx tsx bench/pipeline-load.ts [--engine postgres|embedded] [--rates 100,200,300,400] [--duration 60]
//                                  [--drain 60] [--warmup 200] [--cpu-prof DIR]
// PostgreSQL + Redis: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) and
// BENCH_REDIS_URL (default redis://127.0.0.1:6379), 127.0.0.1 only. `--cpu-prof DIR` runs the
// service processes under `node --cpu-prof` and leaves their .cpuprofile files in DIR.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { metaDelivery } from '../test/fakes/platform-signers';
import { freePort } from '../test/support/free-port';
import { CpuWindow, pidsByName } from './support/proc-cpu';

const ROOT = path.resolve(__dirname, '..');
const APP_SECRET = 'bench-load-app-secret';
const PAGE_ID = '104000000000009';
const PAGE_TOKEN = 'bench-load-page-token';
const GRAPH_VERSION = 'v21.0';
const TEXTS = ['전입신고 온라인으로 가능한가요?', '여권 재발급은 어디서 하나요?', '운전면허 갱신 기간이 궁금합니다', 'How do I renew my passport?'];

const wallNow = () => performance.timeOrigin + performance.now();
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function localOnly(url: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`bench/pipeline-load: ${host} is not 127.0.0.1 or localhost`);
  return url;
}

// ---------------------------------------------------------------------------------------------
// The fake Graph API child: answers the Send API and records [psid, arrival time] per reply.

type GraphMessage = { type: 'take' } | { type: 'stop' };
type GraphReply = { type: 'url'; url: string } | { type: 'records'; records: [string, number][] };

function runGraphChild(): void {
  let records: [string, number][] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = wallNow();
      const url = new URL(req.url ?? '/', 'http://fake');
      let psid: string | undefined;
      try {
        psid = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.recipient?.id;
      } catch {
        psid = undefined;
      }
      const ok = req.method === 'POST' && url.pathname === `/${GRAPH_VERSION}/me/messages` && url.searchParams.get('access_token') === PAGE_TOKEN;
      if (!ok || !psid) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad request', code: 100 } }));
        return;
      }
      records.push([psid, at]);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recipient_id: psid, message_id: `m_bench${next++}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send!({ type: 'url', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } satisfies GraphReply));
  process.on('message', (message: GraphMessage) => {
    if (message.type === 'take') {
      process.send!({ type: 'records', records } satisfies GraphReply);
      records = [];
    } else {
      server.closeAllConnections();
      server.close(() => process.exit(0));
    }
  });
}

class GraphChild {
  readonly child: ChildProcess = fork(__filename, ['--graph-child'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  /** Every reply so far: psid → arrival times. */
  readonly replies = new Map<string, number[]>();

  url(): Promise<string> {
    return new Promise((resolve) => this.child.once('message', (m: GraphReply) => m.type === 'url' && resolve(m.url)));
  }

  /** Collects what the fake received since the last call. */
  async collect(): Promise<void> {
    const records = await new Promise<[string, number][]>((resolve) => {
      const onMessage = (m: GraphReply) => {
        if (m.type !== 'records') return;
        this.child.off('message', onMessage);
        resolve(m.records);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'take' } satisfies GraphMessage);
    });
    for (const [psid, at] of records) this.replies.set(psid, [...(this.replies.get(psid) ?? []), at]);
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies GraphMessage);
  }
}

// ---------------------------------------------------------------------------------------------
// The service processes, built by `sotong serve` (compose).

interface Service {
  readonly apiUrl: string;
  /** Process groups for the CPU table. */
  readonly cpuGroups: Record<string, () => number[] | Promise<number[]>>;
  stop(): Promise<void>;
}

interface ServeProcess {
  readonly child: ChildProcess;
  output: string;
}

function serve(role: 'all' | 'api' | 'worker', env: NodeJS.ProcessEnv, cpuProfDir: string | undefined): ServeProcess {
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${role}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, 'bin/sotong.js', 'serve', '--role', role], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: ServeProcess = { child, output: '' };
  const keep = (chunk: Buffer) => {
    proc.output = (proc.output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`bench/pipeline-load: ${role} exited (${code ?? signal}):\n${proc.output}`);
  });
  return proc;
}

async function stopProcess(proc: ServeProcess): Promise<void> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(apiUrl: string, proc: ServeProcess, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) break;
    const ok = await fetch(`${apiUrl}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`api not ready:\n${proc.output}`);
}

function commonEnv(graphUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    SOTONG_SECRET: 'bench-load-secret-bench-load-secret-0123',
    SOTONG_ADMIN_PASSWORD: 'bench load admin 1',
    LOG_LEVEL: 'warn',
    FB_APP_SECRET: APP_SECRET,
    FB_VERIFY_TOKEN: 'verify',
    FB_PAGE_TOKEN: PAGE_TOKEN,
    FB_PAGE_ID: PAGE_ID,
    FB_GRAPH_BASE_URL: graphUrl,
    FB_GRAPH_VERSION: GRAPH_VERSION,
    // No official-link checks: they would fetch real sites from the benchmark.
    LINK_CHECK_INTERVAL_SECONDS: '0',
  };
}

async function startPostgresService(graphUrl: string, cpuProfDir: string | undefined): Promise<Service> {
  const run = randomBytes(4).toString('hex');
  const schema = `bench_load_${run}`;
  const prefix = `bench-load-${run}`;
  const appName = `sotong-bench-load-${run}`;
  const baseUrl = localOnly(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const redisUrl = localOnly(process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const databaseUrl = new URL(baseUrl);
  // Tags the service's connections, so their backends can be found in pg_stat_activity.
  databaseUrl.searchParams.set('application_name', appName);
  const port = await freePort();
  const env = { ...commonEnv(graphUrl, port), DATABASE_URL: databaseUrl.toString(), DATABASE_SCHEMA: schema, REDIS_URL: redisUrl, REDIS_PREFIX: prefix };
  const migrate = spawnSync(process.execPath, ['bin/sotong.js', 'migrate'], { cwd: ROOT, env, encoding: 'utf8' });
  if (migrate.status !== 0) throw new Error(`migrate failed: ${migrate.stderr}`);

  const admin = new Client({ connectionString: baseUrl, application_name: `${appName}-admin` });
  await admin.connect();
  const apiUrl = `http://127.0.0.1:${port}`;
  // The api first: it trains and publishes the first model, which the worker then loads.
  const api = serve('api', env, cpuProfDir);
  await waitReady(apiUrl, api);
  const worker = serve('worker', env, cpuProfDir);
  const backends = async () =>
    (await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName])).rows.map((r) => r.pid);
  return {
    apiUrl,
    cpuGroups: {
      'node api': () => [api.child.pid!],
      'node worker': () => [worker.child.pid!],
      'postgres backends': backends,
      redis: () => pidsByName('redis-server'),
    },
    async stop() {
      await Promise.all([stopProcess(api), stopProcess(worker)]);
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
      // Only this run's keys: the Redis is shared, never flushed.
      const redis = new Redis(redisUrl);
      for (let cursor = '0'; ;) {
        const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = nextCursor;
        if (cursor === '0') break;
      }
      await redis.quit();
    },
  };
}

async function startEmbeddedService(graphUrl: string, cpuProfDir: string | undefined): Promise<Service> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sotong-bench-load-'));
  const port = await freePort();
  const all = serve('all', { ...commonEnv(graphUrl, port), SOTONG_DATA_DIR: dataDir }, cpuProfDir);
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitReady(apiUrl, all);
  return {
    apiUrl,
    cpuGroups: { 'node (api + worker + PGlite)': () => [all.child.pid!] },
    async stop() {
      await stopProcess(all);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The load generator.

// Free sockets are dropped before the server's 5 s keep-alive ends, so no POST is written to a closing socket.
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });

interface Offered {
  /** psid → when the POST was written (wall clock ms). */
  readonly sentAt: Map<string, number>;
  readonly acks: number[];
  /** psids answered 200. */
  readonly accepted: Set<string>;
  /** Answers other than 200 (and connection errors, as status 0), by status. */
  readonly refused: Map<number, number>;
  /** How late the generator wrote its POSTs behind the schedule (ms). */
  readonly lateMs: number[];
}

let nextCitizen = 0;

function post(apiUrl: string, psid: string, text: string, offered: Offered): Promise<void> {
  const mid = `m_bench_${psid}`;
  const delivery = metaDelivery(APP_SECRET, {
    object: 'page',
    entry: [
      { id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid, text } }] },
    ],
  });
  return new Promise((resolve) => {
    const started = performance.now();
    offered.sentAt.set(psid, wallNow());
    const req = http.request(
      `${apiUrl}/webhooks/facebook`,
      { method: 'POST', agent, headers: { ...delivery.headers, 'content-length': Buffer.byteLength(delivery.body) } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) {
            offered.acks.push(performance.now() - started);
            offered.accepted.add(psid);
          } else offered.refused.set(res.statusCode ?? 0, (offered.refused.get(res.statusCode ?? 0) ?? 0) + 1);
          resolve();
        });
      },
    );
    req.on('error', () => {
      offered.refused.set(0, (offered.refused.get(0) ?? 0) + 1);
      resolve();
    });
    req.end(delivery.body);
  });
}

/** Sends `rate` messages a second for `seconds`, on schedule whatever the answers. */
async function offer(apiUrl: string, rate: number, seconds: number): Promise<Offered> {
  const offered: Offered = { sentAt: new Map(), acks: [], accepted: new Set(), refused: new Map(), lateMs: [] };
  const total = Math.round(rate * seconds);
  const gap = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  let i = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * gap <= now) {
        offered.lateMs.push(now - (t0 + i * gap));
        const psid = String(7_100_000_000_000_000 + nextCitizen++);
        inFlight.push(post(apiUrl, psid, `${TEXTS[i % TEXTS.length]} ${i}`, offered));
        i++;
      }
      if (i >= total) done();
      else setTimeout(tick, Math.max(0, Math.min(5, t0 + i * gap - performance.now())));
    };
    tick();
  });
  await Promise.all(inFlight);
  return offered;
}

interface RateResult {
  readonly rate: number;
  readonly offered: number;
  readonly acks: readonly number[];
  readonly refused: number;
  /** Non-200 answers by status (0: no answer, the connection failed). */
  readonly refusedBy: string;
  readonly replyLatencies: readonly number[];
  readonly backlogAtEnd: number;
  /** Acked (200) but never answered: a message the service took and dropped. */
  readonly lost: number;
  readonly duplicated: number;
  readonly drainSeconds: number;
  readonly lateP99: number;
  readonly cpu: Record<string, number>;
  readonly machineBusy: number;
  readonly load: number;
}

function answeredCount(offered: Offered, graph: GraphChild): number {
  let answered = 0;
  for (const psid of offered.sentAt.keys()) if (graph.replies.has(psid)) answered++;
  return answered;
}

async function measureRate(service: Service, graph: GraphChild, rate: number, seconds: number, drainSeconds: number): Promise<RateResult> {
  const cpu = new CpuWindow({ ...service.cpuGroups, generator: () => [process.pid], 'fake graph': () => [graph.child.pid!] });
  await cpu.start();
  const offered = await offer(service.apiUrl, rate, seconds);
  const usage = await cpu.stop();
  await graph.collect();
  const backlogAtEnd = offered.sentAt.size - answeredCount(offered, graph);
  const drainStart = performance.now();
  while (answeredCount(offered, graph) < offered.sentAt.size && performance.now() - drainStart < drainSeconds * 1000) {
    await sleep(500);
    await graph.collect();
  }
  const replyLatencies: number[] = [];
  let duplicated = 0;
  let lost = 0;
  for (const [psid, sentAt] of offered.sentAt) {
    const arrivals = graph.replies.get(psid);
    if (!arrivals) {
      if (offered.accepted.has(psid)) lost++;
      continue;
    }
    replyLatencies.push(arrivals[0]! - sentAt);
    duplicated += arrivals.length - 1;
  }
  const acked = offered.acks.length;
  return {
    rate,
    offered: offered.sentAt.size,
    acks: [...offered.acks].sort((a, b) => a - b),
    refused: offered.sentAt.size - acked,
    replyLatencies: replyLatencies.sort((a, b) => a - b),
    backlogAtEnd,
    lost,
    refusedBy: [...offered.refused].map(([status, n]) => `${n}× ${status || 'no answer'}`).join(', '),
    duplicated,
    drainSeconds: (performance.now() - drainStart) / 1000,
    lateP99: percentile(
      [...offered.lateMs].sort((a, b) => a - b),
      99,
    ),
    cpu: usage.groups,
    machineBusy: usage.machineBusy,
    load: usage.load,
  };
}

const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`);

function printTable(results: readonly RateResult[], cpuNames: readonly string[]): void {
  const header = [
    'offered',
    'ack p50',
    'ack p99',
    'reply p50',
    'reply p99',
    ...cpuNames.map((n) => `CPU ${n}`),
    'machine busy',
    'load',
    'backlog at end',
    'lost',
    'dup',
    'non-200',
  ];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of results) {
    const cells = [
      `${r.rate}/s × ${Math.round(r.offered / r.rate)} s`,
      ms(percentile(r.acks, 50)),
      ms(percentile(r.acks, 99)),
      ms(percentile(r.replyLatencies, 50)),
      ms(percentile(r.replyLatencies, 99)),
      ...cpuNames.map((n) => `${(r.cpu[n] ?? 0).toFixed(0)}%`),
      `${r.machineBusy.toFixed(0)}%`,
      r.load.toFixed(1),
      String(r.backlogAtEnd),
      String(r.lost),
      String(r.duplicated),
      String(r.refused),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'postgres' },
      rates: { type: 'string', default: '100,200,300,400' },
      duration: { type: 'string', default: '60' },
      drain: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '200' },
      'cpu-prof': { type: 'string' },
    },
  });
  const engine = values.engine;
  if (engine !== 'postgres' && engine !== 'embedded') throw new Error(`--engine must be postgres or embedded (got "${engine}")`);
  const rates = values.rates.split(',').map(Number);
  const duration = Number(values.duration);
  const drain = Number(values.drain);
  const warmup = Number(values.warmup);
  if (rates.some((r) => !(r > 0)) || !(duration > 0) || !(drain >= 0) || !(warmup >= 0))
    throw new Error('rates, duration, drain and warmup must be positive numbers');
  const cpuProfDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;

  console.log(
    `bench/pipeline-load: engine ${engine}, rates ${rates.join(', ')}/s, ${duration} s each; ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString()}`,
  );
  const graph = new GraphChild();
  const graphUrl = await graph.url();
  let service: Service | undefined;
  try {
    service = engine === 'postgres' ? await startPostgresService(graphUrl, cpuProfDir) : await startEmbeddedService(graphUrl, cpuProfDir);
    // Warm-up (JIT, pools, the worker's model load); also proves the worker answers.
    if (warmup > 0) {
      const w = await measureRate(service, graph, 20, warmup / 20, 120);
      if (w.lost > 0) throw new Error(`warm-up: ${w.lost} of ${w.offered} messages were not answered`);
      console.log(`warm-up: ${w.offered} messages answered, reply p50 ${ms(percentile(w.replyLatencies, 50))}`);
    }
    const results: RateResult[] = [];
    for (const rate of rates) {
      const result = await measureRate(service, graph, rate, duration, drain);
      results.push(result);
      console.log(
        `${rate}/s: ack p99 ${ms(percentile(result.acks, 99))}, reply p99 ${ms(percentile(result.replyLatencies, 99))}, backlog ${result.backlogAtEnd}, lost ${result.lost}, dup ${result.duplicated}, non-200 ${result.refused}${result.refused ? ` (${result.refusedBy})` : ''}, generator late p99 ${ms(result.lateP99)}, drained in ${result.drainSeconds.toFixed(1)} s`,
      );
    }
    console.log('');
    printTable(results, [...Object.keys(service.cpuGroups), 'generator', 'fake graph']);
    console.log(
      `(CPU: % of one core over the offered window; machine busy: % of all ${os.cpus().length} cores, everything on the machine; load: 1-min load average)`,
    );
  } finally {
    await service?.stop();
    graph.stop();
    agent.destroy();
  }
}

if (process.argv.includes('--graph-child')) runGraphChild();
else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
