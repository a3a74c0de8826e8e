// One api and two workers (`sotong serve --role …`) on PostgreSQL (a schema of this test's own on
// the shared server, never restarted) and a redis-server of this test's own on its own port, with
// a fake Graph API recording every send. Small counts, 127.0.0.1 only; bench/faults.ts runs the
// same scenarios (runScenario) longer, plus the ones too slow to bound here (see BENCHMARKS.md).
//  - The api starts while Redis is down: it does not exit, /readyz answers 503 naming the job
//    queue, webhooks are acked and stored; once Redis is up their jobs are queued and answered.
//  - Every webhook delivered three times; kill -9 of the api mid-load; a Redis restart mid-load
//    (no persistence: every queued job is lost). Each: 0 lost, 0 duplicates, no row left unsent.
import { createDatabase, type Database } from '../../store/database';
import { TEST_DATABASE_URL, describeWithServers, dropSchemaOf, eventually, uniqueName } from '../support/backends';
import { freePort } from '../support/free-port';
import { Fleet, type FleetProcess } from './support/fleet';
import { OwnRedis, ownRedisUnavailable } from './support/own-redis';
import { runScenario, type ScenarioSettings } from './support/scenario';

const unavailable = ownRedisUnavailable();
const LOAD: ScenarioSettings = { messages: 12, rate: 10, drainTimeoutMs: 60_000 };

describeWithServers({ postgres: true }, 'faults across processes [api + 2 workers, postgres + own redis]', () => {
  jest.setTimeout(300_000);
  const schema = uniqueName('fleet');
  let redis: OwnRedis;
  let fleet: Fleet;
  let database: Database;
  let api: FleetProcess;

  beforeAll(async () => {
    if (unavailable) throw new Error(`cannot run a redis-server of our own: ${unavailable}`);
    redis = new OwnRedis(await freePort()); // not started: the api comes up without Redis
    fleet = new Fleet({ databaseUrl: TEST_DATABASE_URL!, redisUrl: redis.url, redisPrefix: 'sotong-fleet', extraEnv: { DATABASE_SCHEMA: schema } });
    database = await createDatabase({ url: TEST_DATABASE_URL!, dataDir: 'unused', schema });
  });

  afterAll(async () => {
    await fleet?.stop();
    await redis?.dispose();
    if (database) {
      await dropSchemaOf(database);
      await database.close();
    }
  });

  test('an api started while Redis is down stays up, reports not ready, acks and stores webhooks, and queues them once Redis is up', async () => {
    api = await fleet.startApi();
    const readiness = await eventually(
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the api exited:\n${api.output}`);
        const answer = await fetch(`${fleet.apiUrl}/readyz`).then(
          async (r) => ({ status: r.status, body: (await r.json()) as { error?: { details?: { checks?: Record<string, string> } } } }),
          () => undefined,
        );
        return answer;
      },
      240_000,
      'the api to answer /readyz',
    );
    expect(readiness.status).toBe(503);
    expect(readiness.body.error?.details?.checks).toEqual({ database: 'ok', jobs: expect.stringMatching(/failed|timeout/) });

    const psids = ['7200000000000001', '7200000000000002', '7200000000000003'];
    for (const [i, psid] of psids.entries())
      expect(await fleet.deliver(psid, `m_redis_down_${schema}_${i}`, '여권 재발급 방법')).toEqual({ posts: 1, fivexx: 0 });
    const stored = await database.db.selectFrom('messages').select('status').where('external_id', 'like', `m_redis_down_${schema}_%`).execute();
    expect(stored.map((m) => m.status)).toEqual(['received', 'received', 'received']);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(api.child.exitCode).toBeNull();
    expect(fleet.unexpectedExits()).toBe(0);

    await redis.start();
    await fleet.waitReady();
    await fleet.startWorkers();
    await eventually(
      async () => psids.every((p) => (fleet.sendsPerRecipient().get(p) ?? 0) > 0),
      60_000,
      'a reply to every message stored while Redis was down',
    );
    await new Promise((resolve) => setTimeout(resolve, 3000)); // room for a duplicate
    for (const psid of psids) expect([psid, fleet.sendsPerRecipient().get(psid)]).toEqual([psid, 1]);
  });

  test.each([
    ['every webhook delivered three times', 3, async () => {}],
    ['kill -9 the api mid-load', 1, () => fleet.killAndReplace('api')],
    ['restart Redis mid-load (no persistence, 1 s down)', 1, () => redis.restart(1000)],
  ] as const)('%s: every message answered once, nothing left unsent, no crash', async (name, copies, fault) => {
    const result = await runScenario(fleet, database.db, name, { ...LOAD, copies }, fault);
    console.log(JSON.stringify(result));
    expect(result).toMatchObject({ lost: 0, duplicates: 0, unsent: 0, crashes: 0, fivexx: 0 });
  });
});
