// Message pipeline throughput and latency, without HTTP: how fast ingest → triage → outbox → sent
// goes on each engine. Triage is a fixed auto-answer decision (the classifier has its own
// benchmarks); the sender is a no-op that answers at once. Two parts per engine:
//   1. steps, one message at a time: ms and SQL statements per ingest, processInbound and
//      takeOutboxForInlineDelivery (the Kakao path), after a warm-up;
//   2. load: MESSAGES web messages from CONCURRENCY citizens, each sending its next message once
//      the last one was answered (closed loop), with the workers running: messages/s and the
//      ingest → sent latency (until the sent reply is announced on the live events).
//   npx tsx bench/pipeline.ts [messages=2000] [concurrency=20]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/pipeline.ts
// PGlite + in-process jobs always runs; PostgreSQL + BullMQ runs when both urls are set. Only
// 127.0.0.1/localhost servers are accepted, and a run uses its own schema and queue prefix.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Redis } from 'ioredis';
import { redactPii } from '../bot/pii/redact';
import type { ChannelSender, InboundMessage } from '../pipeline/channel';
import { createInProcessEvents } from '../events/in-process-events';
import { createBullmqJobQueue } from '../jobs/bullmq-driver';
import { createInProcessJobQueue } from '../jobs/in-process-driver';
import type { JobQueue } from '../jobs/types';
import { createPipeline, type Pipeline } from '../pipeline/create-pipeline';
import { createDatabase, type Database } from '../store/database';
import { migrateToLatest } from '../store/migrate';
import type { Schema } from '../store/schema';
import { benchHandoff } from './bench-handoff';
import { fixedTriage } from './fixed-triage';

const MAX_MESSAGES = 20_000;
const MESSAGES = Math.min(MAX_MESSAGES, Number(process.argv[2] ?? 2000));
const CONCURRENCY = Number(process.argv[3] ?? 20);
const STEP_MESSAGES = 300;
const silent = { info() {}, warn() {}, error() {} };

function localOnly(url: string): string {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`bench/pipeline: ${host} is not 127.0.0.1 or localhost`);
  return url;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function message(run: string, i: number, channel: InboundMessage['channel']): InboundMessage {
  const user = `${run}-u${i % 500}`;
  return {
    channel,
    externalId: `${run}:${i}`,
    userId: user,
    threadKey: `${channel}:${user}`,
    isPublic: false,
    text: `전입신고 온라인으로 가능한가요? ${i}`,
    sentAt: new Date(),
    replyTarget: { sessionId: `s-${user}`, lang: 'ko' },
  };
}

/** The pipeline over a Kysely that counts the statements it sends. */
function counted(database: Database): { database: Database; statements: () => number } {
  let statements = 0;
  const db: Kysely<Schema> = database.db.withPlugin({
    transformQuery: (args) => (statements++, args.node),
    transformResult: async (args) => args.result,
  });
  return { database: { ...database, db }, statements: () => statements };
}

async function steps(database: Database, run: string): Promise<void> {
  const { database: countedDb, statements } = counted(database);
  const jobs = createInProcessJobQueue();
  const events = createInProcessEvents();
  const pipeline = createPipeline({
    database: countedDb,
    jobs,
    events,
    triage: () => fixedTriage,
    redact: redactPii,
    handoff: benchHandoff(countedDb, jobs, events),
    logger: silent,
  });
  const totals = { ingest: [0, 0], processInbound: [0, 0], takeOutboxForInlineDelivery: [0, 0] };
  const timed = async <T>(step: keyof typeof totals, record: boolean, work: () => Promise<T>): Promise<T> => {
    const [t0, s0] = [performance.now(), statements()];
    const result = await work();
    if (record) totals[step] = [totals[step][0]! + performance.now() - t0, totals[step][1]! + statements() - s0];
    return result;
  };
  for (let i = 0; i < STEP_MESSAGES + 50; i++) {
    const record = i >= 50;
    const { messageId } = await timed('ingest', record, () => pipeline.ingest(message(`${run}-steps`, i, 'kakao'), { enqueue: false }));
    const { outboxIds } = await timed('processInbound', record, () => pipeline.processInbound(messageId));
    await timed('takeOutboxForInlineDelivery', record, () => pipeline.takeOutboxForInlineDelivery(outboxIds[0]!));
  }
  for (const [step, [ms, count]] of Object.entries(totals)) {
    console.log(`  ${step.padEnd(28)} ${(ms! / STEP_MESSAGES).toFixed(2)} ms, ${(count! / STEP_MESSAGES).toFixed(1)} SQL statements`);
  }
  await jobs.close();
}

async function load(database: Database, jobs: JobQueue, run: string): Promise<void> {
  const events = createInProcessEvents();
  // One message per conversation, so each announced reply maps to the ingest that caused it.
  const waiting = new Map<string, () => void>();
  const early = new Set<string>(); // announced before ingest() returned
  events.subscribe((event) => {
    if (event.type !== 'message.created' || event.message.direction !== 'out') return;
    const wake = waiting.get(event.conversationId);
    if (wake) wake();
    else early.add(event.conversationId);
  });
  const sentReply = (conversationId: string) =>
    early.delete(conversationId) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(conversationId, resolve));
  const sender: ChannelSender = { channel: 'web', send: async (reply) => ({ externalId: `bench-${reply.outboxId}` }) };
  const pipeline: Pipeline = createPipeline({
    database,
    jobs,
    events,
    triage: () => fixedTriage,
    redact: redactPii,
    handoff: benchHandoff(database, jobs, events),
    logger: silent,
  });
  pipeline.registerWorkers(new Map([['web', sender]]));

  // Closed loop: CONCURRENCY citizens, each sending its next message once the last was answered.
  const latencies: number[] = [];
  const t0 = performance.now();
  let next = 0;
  const citizens = Array.from({ length: CONCURRENCY }, async () => {
    while (next < MESSAGES) {
      const i = next++;
      const m = { ...message(`${run}-load`, i, 'web'), userId: `${run}-load-${i}`, threadKey: `web:${run}-load-${i}` };
      const begun = performance.now();
      const { conversationId } = await pipeline.ingest(m);
      await sentReply(conversationId);
      waiting.delete(conversationId);
      latencies.push(performance.now() - begun);
    }
  });
  await Promise.all(citizens);
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`  load: ${MESSAGES} messages answered in ${seconds.toFixed(1)} s = ${(MESSAGES / seconds).toFixed(0)} messages/s`);
  console.log(
    `  ingest → sent: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
  );
  await jobs.close();
  await events.close();
}

async function engine(title: string, open: () => Promise<{ database: Database; jobs: () => JobQueue; cleanup: () => Promise<void> }>): Promise<void> {
  const run = randomBytes(4).toString('hex');
  const { database, jobs, cleanup } = await open();
  console.log(`${title}`);
  try {
    await steps(database, run);
    await load(database, jobs(), run);
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  console.log(
    `bench/pipeline: ${MESSAGES} messages, ${CONCURRENCY} at a time; ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  await engine('PGlite (in memory) + in-process jobs', async () => {
    const database = await createDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database);
    return { database, jobs: () => createInProcessJobQueue(), cleanup: () => database.close() };
  });

  const pgUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!pgUrl || !redisUrl) {
    console.log('PostgreSQL + BullMQ: skipped (set BENCH_DATABASE_URL and BENCH_REDIS_URL)');
    return;
  }
  const schema = `bench_pipeline_${randomBytes(4).toString('hex')}`;
  const prefix = `bench-pipeline-${randomBytes(4).toString('hex')}`;
  await engine('PostgreSQL 127.0.0.1 + BullMQ (Redis 127.0.0.1)', async () => {
    const database = await createDatabase({ url: localOnly(pgUrl), dataDir: '', schema });
    await migrateToLatest(database);
    return {
      database,
      jobs: () => createBullmqJobQueue({ redisUrl: localOnly(redisUrl), prefix, onFailed: (name, error) => console.error(name, error) }),
      async cleanup() {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
        await database.close();
        const redis = new Redis(redisUrl);
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
        await redis.quit();
      },
    };
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
