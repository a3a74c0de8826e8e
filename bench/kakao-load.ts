// Kakao skill endpoint under load: the real Kakao router and the real pipeline on in-memory
// PGlite (in-process jobs and events, workers running with the real Kakao sender, as in
// `sotong serve`), CONCURRENCY skill requests at a time until REQUESTS were answered, all on
// 127.0.0.1. Reports p50/p99 latency of the HTTP answer, measured by a load generator in a child
// process (node:child_process) so that it does not share the server's event loop and CPU time.
// Triage is a fixed auto-answer decision: this measures the channel, pipeline and store path,
// not the classifier (bench/ has its own classifier benchmarks).
//   npx tsx bench/kakao-load.ts [requests=2000] [concurrency=50]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/kakao-load.ts   (PostgreSQL instead)
//   BENCH_PIPELINE=memory npx tsx bench/kakao-load.ts   (the test double: the router's own cost)
//   BENCH_CLIENT=in-process npx tsx bench/kakao-load.ts   (load generator in the server process, as before)
import { fork } from 'node:child_process';
import os from 'node:os';
import express from 'express';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { redactPii } from '../bot/pii/redact';
import { kakaoSkillRouter } from '../channels/kakao/routes';
import { createKakaoSender } from '../channels/kakao/send';
import { createInProcessEvents } from '../events/in-process-events';
import { createInProcessJobQueue } from '../jobs/in-process-driver';
import { createPipeline } from '../pipeline/create-pipeline';
import { createDatabase } from '../store/database';
import { migrateToLatest } from '../store/migrate';
import { MemoryPipeline } from '../test/channels/support/memory-pipeline';
import { benchHandoff } from './bench-handoff';
import { fixedTriage } from './fixed-triage';

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const SECRET = 'bench-secret';

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
    bot: { id: '64ab12', name: '정부민원봇' },
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

/** Sends the warm-up, then REQUESTS measured requests, CONCURRENCY at a time. */
async function generateLoad(url: string): Promise<LoadResult> {
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
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(warmup + REQUESTS, true)));
  return { latencies, inlineAnswers, seconds: (performance.now() - t0) / 1000, warmup };
}

/** Runs generateLoad() in a child process (this file with KAKAO_LOAD_URL set) and returns its result. */
function loadFromChildProcess(url: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, process.argv.slice(2), {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, KAKAO_LOAD_URL: url },
    });
    let result: LoadResult | undefined;
    child.on('message', (message) => (result = message as LoadResult));
    child.on('error', reject);
    child.on('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`load generator exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const schema = `bench_kakao_${Date.now()}`;
  const database = await createDatabase(pgUrl ? { url: pgUrl, dataDir: '', schema } : { dataDir: 'memory://' });
  await migrateToLatest(database);
  const jobs = createInProcessJobQueue();
  const events = createInProcessEvents();
  const realPipeline = createPipeline({
    database,
    jobs,
    events,
    triage: () => fixedTriage,
    redact: redactPii,
    handoff: benchHandoff(database, jobs, events),
    logger: { info() {}, warn() {}, error() {} },
  });
  realPipeline.registerWorkers(new Map([['kakao', createKakaoSender()]]));

  const pipeline = process.env.BENCH_PIPELINE === 'memory' ? new MemoryPipeline() : realPipeline;
  const app = express();
  app.use(kakaoSkillRouter({ skillSecret: SECRET, botId: '64ab12' }, pipeline));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/kakao`;

  const inProcessClient = process.env.BENCH_CLIENT === 'in-process';
  const { latencies, inlineAnswers, seconds, warmup } = inProcessClient ? await generateLoad(url) : await loadFromChildProcess(url);

  latencies.sort((a, b) => a - b);
  const where = pipeline === realPipeline ? `real on ${database.kind}` : 'in-memory double';
  console.log(
    `kakao-load: ${REQUESTS} requests (after ${warmup} warm-up), ${CONCURRENCY} concurrent, pipeline ${where}, load generator ${inProcessClient ? 'in the server process' : 'in a child process'}, ${os.cpus().length} cores, node ${process.version}`,
  );
  console.log(`p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);
  console.log(`throughput ${(REQUESTS / seconds).toFixed(0)} req/s; answered inline with the reply: ${inlineAnswers}/${REQUESTS}`);
  if (pipeline === realPipeline) {
    const lost = await database.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '!=', 'sent')
      .executeTakeFirstOrThrow();
    console.log(`outbox rows not sent: ${lost.n}`);
  }
  server.close();
  await jobs.close();
  await events.close();
  if (pgUrl) await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
  await database.close();
}

const childUrl = process.env.KAKAO_LOAD_URL;
const run = childUrl ? generateLoad(childUrl).then((result) => new Promise<void>((resolve) => process.send!(result, () => resolve()))) : main();
run.catch((err) => {
  console.error(err);
  process.exit(1);
});
