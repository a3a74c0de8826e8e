// Message pipeline throughput and latency, without HTTP: how fast ingest → triage → outbox → sent
// goes on each engine, in the system compose builds (server/compose.ts). Triage is a fixed
// auto-answer decision (the classifier has its own benchmarks); the sender is a no-op that
// answers at once. Two parts per engine, each composing a system of its own:
//   1. steps, one message at a time: ms and SQL statements per ingest, processInbound and
//      takeOutboxForInlineDelivery (the Kakao path), after a warm-up;
//   2. load: MESSAGES web messages from CONCURRENCY citizens, each sending its next message once
//      the last one was answered (closed loop), with the workers running: messages/s and the
//      ingest → sent latency (until the sent reply is announced on the live events, over Redis
//      when it is configured, as in production).
//   npx tsx bench/pipeline.ts [messages=2000] [concurrency=20]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test BENCH_REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/pipeline.ts
// PGlite + in-process jobs always runs; PostgreSQL + BullMQ runs when both urls are set. Only
// 127.0.0.1/localhost servers are accepted, and a run uses its own schema and queue prefix.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Redis } from 'ioredis';
import { silentLogger } from '../core/logger';
import { loadCatalog } from '../intents/loader';
import type { ChannelSender, InboundMessage } from '../pipeline/channel';
import { compose, type Composed, type Overrides } from '../server/compose';
import { loadConfig, type Config } from '../server/config';
import type { Database } from '../store/database';
import type { Schema } from '../store/schema';
import { dropSchemaOf } from '../test/support/backends';
import { CHEAP_PASSWORD_COST } from '../test/support/composed-server';
import { holdWorkers } from '../test/support/job-probes';
import { fixedTriage } from './fixed-triage';

const MAX_MESSAGES = 20_000;
const MESSAGES = Math.min(MAX_MESSAGES, Number(process.argv[2] ?? 2000));
const CONCURRENCY = Number(process.argv[3] ?? 20);
const STEP_MESSAGES = 300;

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

/** A database whose Kysely counts the statements it sends. */
function counted(database: Database): { database: Database; statements: () => number } {
  let statements = 0;
  const db: Kysely<Schema> = database.db.withPlugin({
    transformQuery: (args) => (statements++, args.node),
    transformResult: async (args) => args.result,
  });
  return { database: { ...database, db }, statements: () => statements };
}

const catalog = loadCatalog();

/** The system as `sotong serve` builds it, with the fixed triage as the model and the given probes. */
function composeSystem(config: Config, overrides: Overrides): Promise<Composed> {
  return compose(config, {
    role: 'all',
    logger: silentLogger,
    print: () => undefined,
    overrides: { passwordCost: CHEAP_PASSWORD_COST, model: { triage: () => fixedTriage, catalog: () => catalog }, ...overrides },
  });
}

async function steps(config: Config, run: string): Promise<void> {
  let statements = () => 0;
  // Workers held back: only the steps measured send statements.
  const composed = await composeSystem(config, {
    wrap: {
      database: (database) => {
        const probe = counted(database);
        statements = probe.statements;
        return probe.database;
      },
      jobs: (jobs) => holdWorkers(jobs).jobs,
    },
  });
  const { pipeline } = composed;
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
  await composed.close();
}

async function load(config: Config, run: string): Promise<void> {
  const sender: ChannelSender = { channel: 'web', send: async (reply) => ({ externalId: `bench-${reply.outboxId}` }) };
  const composed = await composeSystem(config, { senders: new Map([['web', sender]]) });
  const { pipeline, events } = composed;
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
  await composed.close();
}

/** Quiet, no link checks or shedding, and a throwaway secret and admin: the bench measures the pipeline. */
const benchConfig = (env: Record<string, string>): Config =>
  loadConfig({
    LOG_LEVEL: 'silent',
    SOTONG_SECRET: randomBytes(24).toString('hex'),
    SOTONG_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    LINK_CHECK_INTERVAL_SECONDS: '0',
    SHED_INBOUND_BACKLOG: '0',
    ...env,
  });

async function engine(title: string, config: Config): Promise<void> {
  const run = randomBytes(4).toString('hex');
  console.log(`${title}`);
  await steps(config, run);
  await load(config, run);
}

async function main(): Promise<void> {
  console.log(
    `bench/pipeline: ${MESSAGES} messages, ${CONCURRENCY} at a time; ${os.cpus().length} cores, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  // Each part composes its own system; in memory, each gets a fresh database.
  await engine('PGlite (in memory) + in-process jobs', benchConfig({ SOTONG_DATA_DIR: 'memory://' }));

  const pgUrl = process.env.BENCH_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL;
  if (!pgUrl || !redisUrl) {
    console.log('PostgreSQL + BullMQ: skipped (set BENCH_DATABASE_URL and BENCH_REDIS_URL)');
    return;
  }
  const schema = `bench_pipeline_${randomBytes(4).toString('hex')}`;
  const prefix = `bench-pipeline-${randomBytes(4).toString('hex')}`;
  const config = benchConfig({ DATABASE_URL: localOnly(pgUrl), DATABASE_SCHEMA: schema, REDIS_URL: localOnly(redisUrl), REDIS_PREFIX: prefix });
  try {
    await engine('PostgreSQL 127.0.0.1 + BullMQ (Redis 127.0.0.1)', config);
  } finally {
    await dropSchemaOf({ kind: 'postgres', schema }, pgUrl);
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
