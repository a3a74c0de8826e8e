// Kakao skill endpoint under load: the system built the way `sotong serve` builds it
// (server/main's startServer → compose: real Kakao router, pipeline, handoff, in-process jobs and
// events, workers running with the real Kakao sender), CONCURRENCY skill requests at a time until
// REQUESTS were answered, all on 127.0.0.1. Reports p50/p99 latency of the HTTP answer, measured
// by a load generator in a child process (node:child_process) so that it does not share the
// server's event loop and CPU time, and what the server used: CPU (all its threads, % of one
// core), how busy its HTTP thread's event loop was, and the load average around the run.
// Triage is a fixed auto-answer decision (the model override): this measures the channel,
// pipeline and store path, not the classifier (bench/ has its own classifier benchmarks).
//   npx tsx bench/kakao-load.ts [requests=2000] [concurrency=50]
//     embedded PGlite (the default) in a fresh data folder; BENCH_DATA_DIR=memory:// for an in-memory one
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/kakao-load.ts   (PostgreSQL instead)
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../core/logger';
import { loadCatalog } from '../intents/loader';
import { loadConfig } from '../server/config';
import { startServer } from '../server/main';
import { fixedTriage } from './fixed-triage';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const SECRET = 'bench-secret';
const BOT_ID = '64ab12';

function skillRequest(i: number): string {
  return JSON.stringify({
    intent: { id: '65f0aa01', name: '민원_일반질문' },
    userRequest: {
      timezone: 'Asia/Seoul',
      lang: 'ko',
      utterance: `전입신고 온라인으로 가능한가요? ${i}`,
      params: { surface: 'Kakaotalk.plusfriend' },
      block: { id: '65f0aa01', name: '민원_일반질문' },
      user: { id: `bench-user-${i % 500}`, type: 'botUserKey', properties: {} },
    },
    bot: { id: BOT_ID, name: '정부민원봇' },
    action: { id: '65f1bb02', name: 'helpline_skill', params: {}, detailParams: {}, clientExtra: {} },
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface LoadResult {
  readonly latencies: number[];
  readonly inlineAnswers: number;
  readonly seconds: number;
  readonly warmup: number;
}

/** Sends the warm-up, then REQUESTS measured requests, CONCURRENCY at a time; tells the parent when measuring starts. */
async function generateLoad(url: string, onMeasuring: () => void): Promise<LoadResult> {
  const latencies: number[] = [];
  let inlineAnswers = 0;
  let next = 0;
  async function worker(total: number, record: boolean): Promise<void> {
    while (next < total) {
      const i = next++;
      const started = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sotong-skill-secret': SECRET },
        body: skillRequest(i),
      });
      const body = (await res.json()) as { template?: { outputs: { simpleText?: { text: string } }[] } };
      if (res.status !== 200) throw new Error(`request ${i}: HTTP ${res.status}`);
      if (!record) continue;
      latencies.push(performance.now() - started);
      if (body.template?.outputs[0]?.simpleText?.text.includes('정부24')) inlineAnswers++;
    }
  }
  // Warm-up (JIT, connection pool, first queries): not measured; distinct utterances throughout.
  const warmup = Math.min(200, Math.ceil(REQUESTS / 10));
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(warmup, false)));
  onMeasuring();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(warmup + REQUESTS, true)));
  return { latencies, inlineAnswers, seconds: (performance.now() - t0) / 1000, warmup };
}

/** Runs generateLoad() in a child process (this file with KAKAO_LOAD_URL set); onMeasuring fires when the warm-up is over. */
function loadFromChildProcess(url: string, onMeasuring: () => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, process.argv.slice(2), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, KAKAO_LOAD_URL: url },
    });
    let result: LoadResult | undefined;
    child.on('message', (message: 'measuring' | LoadResult) => (message === 'measuring' ? onMeasuring() : (result = message)));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`load generator exited with ${code}`))));
  });
}

/** CPU and HTTP-thread use from `start()` until `stop()`. */
function usageMeter() {
  let cpu = process.cpuUsage();
  let elu = performance.eventLoopUtilization();
  let t0 = performance.now();
  const load0 = os.loadavg()[0]!;
  return {
    start() {
      cpu = process.cpuUsage();
      elu = performance.eventLoopUtilization();
      t0 = performance.now();
    },
    stop() {
      const used = process.cpuUsage(cpu);
      const wallMs = performance.now() - t0;
      return {
        cpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
        httpThreadBusy: performance.eventLoopUtilization(elu).utilization * 100,
        load: `${load0.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`,
      };
    },
  };
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = process.env.BENCH_DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'sotong-kakao-load-')));
  const schema = `bench_kakao_${Date.now()}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SOTONG_DATA_DIR: dataDir,
    SOTONG_SECRET: 'bench-secret-bench-secret-bench-secret',
    SOTONG_ADMIN_PASSWORD: 'kakao load bench admin',
    LINK_CHECK_INTERVAL_SECONDS: '0',
    KAKAO_SKILL_SECRET: SECRET,
    KAKAO_BOT_ID: BOT_ID,
    ...(pgUrl && { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema }),
  });
  const catalog = loadCatalog();
  const server = await startServer(config, {
    role: 'all',
    logger: silentLogger,
    print: () => undefined,
    overrides: { model: { triage: () => fixedTriage, catalog: () => catalog } },
  });
  const { database } = server.composed;
  const url = `${server.url}/webhooks/kakao`;

  const meter = usageMeter();
  const { latencies, inlineAnswers, seconds, warmup } = await loadFromChildProcess(url, () => meter.start());
  const usage = meter.stop();

  latencies.sort((a, b) => a - b);
  const store = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite (${dataDir === 'memory://' ? 'in memory' : 'data folder'})`;
  console.log(
    `kakao-load: ${REQUESTS} requests (after ${warmup} warm-up), ${CONCURRENCY} concurrent, composed server on ${store}, load generator in a child process, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(`p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
  console.log(`throughput ${(REQUESTS / seconds).toFixed(0)} req/s; answered inline with the reply: ${inlineAnswers}/${REQUESTS}`);
  console.log(
    `server CPU ${usage.cpuPercent.toFixed(0)}% of one core (all threads), HTTP thread busy ${usage.httpThreadBusy.toFixed(0)}%, load average ${usage.load}`,
  );
  // The replies the route did not deliver inline are sent by the job fallback: give it a moment.
  const unsent = async () =>
    Number(
      (
        await database.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('status', '!=', 'sent')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deadline = Date.now() + 15_000;
  let left = await unsent();
  while (left > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    left = await unsent();
  }
  console.log(`outbox rows not sent 15 s after the load: ${left}`);
  await server.stop('bench over');
  if (pgUrl) {
    const { Pool } = await import('pg');
    const pool = new Pool({ connectionString: pgUrl });
    await pool.query(`drop schema ${schema} cascade`);
    await pool.end();
  }
  if (!process.env.BENCH_DATA_DIR) await rm(dataDir, { recursive: true, force: true });
}

const childUrl = process.env.KAKAO_LOAD_URL;
const run = childUrl
  ? generateLoad(childUrl, () => process.send!('measuring')).then((result) => new Promise<void>((resolve) => process.send!(result, () => resolve())))
  : main();
run.catch((err) => {
  console.error(err);
  process.exit(1);
});
