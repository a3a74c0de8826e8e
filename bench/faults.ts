// The fault campaign: one api and two workers (`sotong serve --role …`) on a PostgreSQL cluster
// and a redis-server of the bench's own (temp folders, own ports: the shared 5432/6379 are never
// touched), with a fake Graph API recording every send. Each scenario delivers MESSAGES Messenger
// messages at about RATE a second, each from its own user, injects its fault mid-load, waits for
// the pipeline to drain, and counts the sends per inbound message. Deliveries are retried the way
// Meta retries them, until a 200.
//   npx tsx bench/faults.ts [messages=100] [rate=20]
// Needs root (to run PostgreSQL as the `pgtest` user) and redis-server on the PATH.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Schema } from '../store/schema';
import { Fleet } from '../test/faults/support/fleet';
import { ownClusterUnavailable, startPgCluster, type PgCluster } from '../test/faults/support/pg-cluster';
import { freePort } from '../test/support/free-port';

const MESSAGES = Number(process.argv[2] ?? 100);
const RATE = Number(process.argv[3] ?? 20);
const DRAIN_TIMEOUT_MS = 240_000;

interface Row {
  readonly scenario: string;
  readonly messages: number;
  readonly posts: number;
  readonly fivexx: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly unsent: number;
  readonly crashes: number;
  readonly drainSeconds: number;
}

class OwnRedis {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'sotong-redis-'));
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    // No persistence: a restart loses every job, the harshest case for the sweeper.
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.start();
  }
}

async function main(): Promise<void> {
  const why = ownClusterUnavailable();
  if (why) throw new Error(`bench/faults.ts: ${why}`);
  const cluster: PgCluster = startPgCluster(await freePort());
  const redis = new OwnRedis(await freePort());
  await redis.start();
  const fleet = new Fleet({ databaseUrl: cluster.url, redisUrl: redis.url, redisPrefix: 'sotong-faults' });
  const pool = new Pool({ connectionString: cluster.url, max: 2 });
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const rows: Row[] = [];
  try {
    await fleet.start();
    const scenarios: [string, number, () => Promise<void>][] = [
      ['baseline (no fault)', 1, async () => {}],
      ['kill -9 a worker mid-load', 1, () => fleet.killAndReplace('worker')],
      ['kill -9 the api mid-load', 1, () => fleet.killAndReplace('api')],
      ['restart Redis (no persistence, 2 s down)', 1, () => redis.restart(2000)],
      [
        'restart PostgreSQL (fast, twice)',
        1,
        async () => {
          await cluster.restart('fast');
          await new Promise((resolve) => setTimeout(resolve, 1000));
          await cluster.restart('fast');
        },
      ],
      ['every webhook delivered three times', 3, async () => {}],
    ];
    for (const [name, copies, fault] of scenarios) {
      rows.push(await runScenario(fleet, db, name, copies, fault));
      console.error(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await fleet.stop();
    await db.destroy();
    await redis.stop();
    cluster.stop();
  }
  console.log(`| Scenario | Messages | POSTs | 5xx (retried) | Lost | Duplicates | Unsent rows | Unexpected exits | Drained in |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.messages} | ${r.posts} | ${r.fivexx} | ${r.lost} | ${r.duplicates} | ${r.unsent} | ${r.crashes} | ${r.drainSeconds.toFixed(1)} s |`,
    );
  }
}

async function runScenario(fleet: Fleet, db: Kysely<Schema>, name: string, copies: number, fault: () => Promise<void>): Promise<Row> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const base = 7_100_000_000_000_000 + Math.floor(Math.random() * 1e12);
  const psids = Array.from({ length: MESSAGES }, (_, i) => String(base + i * 7));
  const crashesBefore = fleet.unexpectedExits();
  let posts = 0;
  let fivexx = 0;
  const deliveries: Promise<void>[] = [];
  let faulted: Promise<void> = Promise.resolve();
  for (let i = 0; i < MESSAGES; i++) {
    deliveries.push(
      fleet.deliver(psids[i]!, `m_${tag}_${i}`, '가족관계증명서 인터넷으로 발급하고 싶어요', copies).then((r) => {
        posts += r.posts;
        fivexx += r.fivexx;
      }),
    );
    if (i === Math.floor(MESSAGES / 2)) faulted = fault();
    await new Promise((resolve) => setTimeout(resolve, 1000 / RATE));
  }
  await Promise.all([...deliveries, faulted]);
  const started = Date.now();
  let unsent = -1;
  while (Date.now() - started < DRAIN_TIMEOUT_MS) {
    try {
      const pending = await db.selectFrom('outbox').select('id').where('status', 'in', ['pending', 'sending']).execute();
      const unfinished = await db.selectFrom('messages').select('id').where('status', 'in', ['received', 'processing']).execute();
      unsent = pending.length + unfinished.length;
      const sends = fleet.sendsPerRecipient();
      if (unsent === 0 && psids.every((p) => (sends.get(p) ?? 0) > 0)) break;
    } catch {
      // the database is still coming back
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const drainSeconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // room for a late duplicate
  const sends = fleet.sendsPerRecipient();
  return {
    scenario: name,
    messages: MESSAGES,
    posts,
    fivexx,
    lost: psids.filter((p) => (sends.get(p) ?? 0) === 0).length,
    duplicates: psids.reduce((sum, p) => sum + Math.max(0, (sends.get(p) ?? 0) - 1), 0),
    unsent,
    crashes: fleet.unexpectedExits() - crashesBefore,
    drainSeconds,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
