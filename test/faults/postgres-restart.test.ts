// PostgreSQL restarts under load (a cluster of this test's own, on its own port): one api and two
// workers keep running — no process exits — and every message is answered exactly once, with no
// outbox row left unsent. Webhook deliveries that failed during the restart are retried the way
// Meta retries them (until a 200).
import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Schema } from '../../store/schema';
import { TEST_REDIS_URL, describeWithServers, eventually, uniqueName } from '../support/backends';
import { freePort } from '../support/free-port';
import { Fleet } from './support/fleet';
import { ownClusterUnavailable, startPgCluster, type PgCluster } from './support/pg-cluster';

const MESSAGES = Number(process.env.FAULT_MESSAGES ?? 60);
const RESTARTS = 2;
const unavailable = ownClusterUnavailable();

describeWithServers({ redis: true }, 'PostgreSQL restarts under load [api + 2 workers, postgres + bullmq]', () => {
  jest.setTimeout(300_000);
  let cluster: PgCluster;
  let fleet: Fleet;
  let db: Kysely<Schema>;
  const prefix = uniqueName('sotong-fault-pg');

  beforeAll(async () => {
    if (unavailable) throw new Error(`cannot run a PostgreSQL cluster of our own: ${unavailable}`);
    cluster = startPgCluster(await freePort());
    fleet = new Fleet({ databaseUrl: cluster.url, redisUrl: TEST_REDIS_URL!, redisPrefix: prefix });
    await fleet.start();
    const pool = new Pool({ connectionString: cluster.url, max: 2 });
    pool.on('error', () => undefined);
    db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  }, 240_000);

  afterAll(async () => {
    await fleet?.stop();
    await db?.destroy();
    cluster?.stop();
  });

  test('no process exits and every message is answered once', async () => {
    const tag = Date.now().toString(36);
    const psids = Array.from({ length: MESSAGES }, (_, i) => `${9000000000000000 + i}${tag.length}`.slice(0, 16) + String(i).padStart(4, '0'));
    let fivexx = 0;
    // About 20 messages a second, with a restart a third and two thirds of the way through.
    const deliveries: Promise<void>[] = [];
    const restarts: Promise<void>[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      deliveries.push(fleet.deliver(psids[i]!, `m_pg_${tag}_${i}`, '가족관계증명서 인터넷으로 발급하고 싶어요').then((r) => void (fivexx += r.fivexx)));
      if (i > 0 && i % Math.floor(MESSAGES / (RESTARTS + 1)) === 0 && i < MESSAGES - 1) restarts.push(cluster.restart('fast'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([...deliveries, ...restarts]);

    await eventually(
      async () => {
        const unsent = await db
          .selectFrom('outbox')
          .select('id')
          .where('status', 'in', ['pending', 'sending'])
          .execute()
          .catch(() => [1]);
        const unfinished = await db
          .selectFrom('messages')
          .select('id')
          .where('status', 'in', ['received', 'processing'])
          .execute()
          .catch(() => [1]);
        return unsent.length === 0 && unfinished.length === 0 && fleet.graph.sent.length >= MESSAGES;
      },
      120_000,
      'every message processed and every reply sent',
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // room for a late duplicate

    const sends = fleet.sendsPerRecipient();
    const lost = psids.filter((p) => (sends.get(p) ?? 0) === 0);
    const duplicated = psids.filter((p) => (sends.get(p) ?? 0) > 1);
    console.log(
      `postgres restart: ${MESSAGES} messages, ${RESTARTS} restarts, ${fivexx} 5xx answers retried, lost ${lost.length}, duplicated ${duplicated.length}`,
    );
    expect(fleet.unexpectedExits()).toBe(0);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    const dead = await db.selectFrom('outbox').select('id').where('status', '=', 'dead').execute();
    expect(dead).toEqual([]);
  });
});
