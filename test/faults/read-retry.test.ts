// A statement whose connection PostgreSQL drops under it (a cluster of this test's own, on its own
// port: its sessions are ended by pg_terminate_backend and by a restart). A read outside a
// transaction is run again on a fresh connection and answers; a write, or a read inside a
// transaction, fails with a connection error (its job is retried) and is never run twice.
import { sql, type Kysely } from 'kysely';
import { Pool } from 'pg';
import { isConnectionError } from '../../store/connection-errors';
import { createDatabase, type Database } from '../../store/database';
import type { Schema } from '../../store/schema';
import { freePort } from '../support/free-port';
import { ownClusterUnavailable, startPgCluster, type PgCluster } from './support/pg-cluster';

const unavailable = ownClusterUnavailable();
const SLEEP_S = 1.5;

(unavailable ? describe.skip : describe)('a statement on a dropped connection [own PostgreSQL cluster]', () => {
  jest.setTimeout(120_000);
  let cluster: PgCluster;
  let database: Database;
  let admin: Pool;
  const db = () => database.db as unknown as Kysely<Schema & { read_retry: { n: number } }>;

  beforeAll(async () => {
    cluster = startPgCluster(await freePort());
    database = await createDatabase({ url: cluster.url, dataDir: 'unused', onConnectionError: () => undefined });
    admin = new Pool({ connectionString: cluster.url, max: 1 });
    admin.on('error', () => undefined);
    await sql`create table read_retry (n int)`.execute(database.db);
  }, 90_000);

  afterAll(async () => {
    await database?.close();
    await admin?.end();
    cluster?.stop();
  });

  /** The pid of the session running the statement tagged `tag`, once it runs. */
  async function runningPid(tag: string): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where state = 'active' and query like $1 and pid <> pg_backend_pid()`,
        [`%${tag}%`],
      );
      if (rows[0]) return rows[0].pid;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the statement tagged ${tag} never ran`);
  }

  /** Ends the session running the statement tagged `tag` once it runs; resolves to its pid. */
  async function terminateWhenRunning(tag: string): Promise<number> {
    const pid = await runningPid(tag);
    await admin.query('select pg_terminate_backend($1)', [pid]);
    return pid;
  }

  /** A SELECT built with Kysely that sleeps, tagged so the test can find its session. */
  const slowRead = (tag: string, executor: Kysely<Schema> = database.db) =>
    executor
      .selectNoFrom([sql<number>`pg_backend_pid()`.as('pid'), sql<string>`${sql.lit(tag)}`.as('tag')])
      .where(sql<boolean>`pg_sleep(${sql.lit(SLEEP_S)}) is not null`)
      .executeTakeFirstOrThrow();

  test('a read outside a transaction is answered from a fresh connection', async () => {
    const tag = `read_${Date.now()}`;
    const [row, killed] = await Promise.all([slowRead(tag), terminateWhenRunning(tag)]);
    expect(row.tag).toBe(tag);
    expect(row.pid).not.toBe(killed);
  });

  test('a read survives a restart of the server', async () => {
    const tag = `restart_${Date.now()}`;
    const read = slowRead(tag);
    await runningPid(tag);
    const [row] = await Promise.all([read, cluster.restart('fast')]);
    expect(row.tag).toBe(tag);
  });

  test('a write is not run again: it fails with a connection error, for its job to retry', async () => {
    const tag = `write_${Date.now()}`;
    const write = db()
      .insertInto('read_retry')
      .columns(['n'])
      .expression(sql<{ n: number }>`select 1 from pg_sleep(${sql.lit(SLEEP_S)}) where ${sql.lit(tag)} <> ''`)
      .execute();
    const [outcome] = await Promise.all([
      write.then(
        () => 'written',
        (error: unknown) => error,
      ),
      terminateWhenRunning(tag),
    ]);
    expect(isConnectionError(outcome)).toBe(true);
    const { count } = await db()
      .selectFrom('read_retry')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count)).toBe(0);
  });

  test('a read inside a transaction is not run again alone', async () => {
    const tag = `tx_${Date.now()}`;
    const transaction = database.db.transaction().execute((tx) => slowRead(tag, tx));
    const [outcome] = await Promise.all([
      transaction.then(
        () => 'answered',
        (error: unknown) => error,
      ),
      terminateWhenRunning(tag),
    ]);
    expect(isConnectionError(outcome)).toBe(true);
  });
});
