// The fault campaign: one api and two workers (`sotong serve --role …`) on a PostgreSQL cluster
// and a redis-server of the bench's own (temp folders, own ports: the shared 5432/6379 are never
// touched), with a fake Graph API recording every send. Each scenario delivers MESSAGES Messenger
// messages at about RATE a second, each from its own user, injects its fault mid-load, waits for
// the pipeline to drain, and counts the sends per inbound message. Deliveries are retried the way
// Meta retries them, until a 200.
//   npx tsx bench/faults.ts [messages=100] [rate=20]
// Needs root (to run PostgreSQL as the `pgtest` user) and redis-server on the PATH.
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Schema } from '../store/schema';
import { Fleet } from '../test/faults/support/fleet';
import { OwnRedis } from '../test/faults/support/own-redis';
import { ownClusterUnavailable, startPgCluster, type PgCluster } from '../test/faults/support/pg-cluster';
import { runScenario, type ScenarioResult } from '../test/faults/support/scenario';
import { freePort } from '../test/support/free-port';

const MESSAGES = Number(process.argv[2] ?? 100);
const RATE = Number(process.argv[3] ?? 20);
const DRAIN_TIMEOUT_MS = 240_000;

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
  const rows: ScenarioResult[] = [];
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
      rows.push(await runScenario(fleet, db, name, { messages: MESSAGES, rate: RATE, copies, drainTimeoutMs: DRAIN_TIMEOUT_MS }, fault));
      console.error(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await fleet.stop();
    await db.destroy();
    await redis.dispose();
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
