// The embedded database runs PGlite in a worker thread of its own (store/pglite-worker.ts). What
// the rest of store/ relies on must hold across that thread: transactions keep their statements
// together, a rollback undoes only them, PostgreSQL error codes arrive intact (a unique violation
// is still 23505), Dates come back as Dates, close() finishes what was sent, and a thread that
// dies fails every query as a lost connection instead of leaving it waiting.
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { isConnectionError } from '../../store/connection-errors';
import { createDatabase, type Database } from '../../store/database';
import { PGliteDialect } from '../../store/pglite-driver';
import { DATABASE_LOST_CODE, EmbeddedDatabaseError, PGliteWorkerClient } from '../../store/pglite-worker-client';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';

jest.setTimeout(60_000);

type NoTables = Record<string, never>;

async function labels(db: Kysely<NoTables>): Promise<string[]> {
  const { rows } = await sql<{ label: string }>`select label from items order by id`.execute(db);
  return rows.map((row) => row.label);
}

describe('the embedded database through its worker thread', () => {
  let database: Database;
  let db: Kysely<NoTables>;

  beforeAll(async () => {
    database = await createDatabase({ dataDir: 'memory://' });
    db = database.db as unknown as Kysely<NoTables>;
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => database?.close());
  beforeEach(async () => {
    await sql`drop table if exists items`.execute(db);
    await sql`create table items (id int primary key, label text not null, at timestamptz)`.execute(db);
  });

  test('rows come back with their values; timestamps as Dates of this realm', async () => {
    const at = new Date('2026-12-06T04:30:00.123Z');
    await sql`insert into items (id, label, at) values (${1}, ${'전입신고'}, ${at})`.execute(db);
    const { rows } = await sql<{ id: number; label: string; at: Date }>`select id, label, at from items`.execute(db);
    expect(rows).toEqual([{ id: 1, label: '전입신고', at }]);
    expect(rows[0]!.at).toBeInstanceOf(Date);
    expect(await database.ping()).toBe(true);
  });

  test('a unique violation keeps its PostgreSQL code and fields, and the session goes on', async () => {
    await sql`insert into items (id, label) values (1, 'first')`.execute(db);
    const failure = await sql`insert into items (id, label) values (1, 'again')`.execute(db).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbeddedDatabaseError);
    expect(failure).toMatchObject({ code: '23505', constraint: 'items_pkey', table: 'items', message: expect.stringMatching(/duplicate key/) });
    expect(isConnectionError(failure)).toBe(false);
    expect(await labels(db)).toEqual(['first']);
  });

  test('a transaction commits all its statements; an error inside rolls all of them back', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`insert into items (id, label) values (1, 'a')`.execute(trx);
      await sql`insert into items (id, label) values (2, 'b')`.execute(trx);
    });
    const failed = db.transaction().execute(async (trx) => {
      await sql`insert into items (id, label) values (3, 'c')`.execute(trx);
      await sql`insert into items (id, label) values (1, 'duplicate')`.execute(trx);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await labels(db)).toEqual(['a', 'b']);
  });

  test('statements of other callers wait for an open transaction and are not rolled back with it', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await sql`insert into items (id, label) values (1, 'inside')`.execute(trx);
      opened();
      await finished;
      throw new Error('give up');
    });
    await isOpen;
    // Sent while the transaction is open: inside it, it would see 'inside' and vanish with the rollback.
    let outsideDone = false;
    const outside = sql`insert into items (id, label) values (2, 'outside')`.execute(db).then(() => (outsideDone = true));
    const seen = labels(db);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outsideDone).toBe(false);
    finish();
    await expect(transaction).rejects.toThrow('give up');
    await outside;
    expect(await seen).toEqual(['outside']);
    expect(await labels(db)).toEqual(['outside']);
  });

  test('statements sent together by concurrent callers all run, in the order they were sent', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => sql`insert into items (id, label) values (${i}, ${`n${i}`})`.execute(db)));
    const { rows } = await sql<{ id: number }>`select id from items order by xmin::text::bigint, id`.execute(db);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  test(
    'close() finishes what the worker was sent before it, then refuses more',
    async () => {
      const client = await PGliteWorkerClient.start('memory://');
      const sent = client.query('select 41 + 1 as n', []);
      await client.close();
      expect((await sent).rows).toEqual([{ n: 42 }]);
      await expect(client.query('select 1', [])).rejects.toThrow('the embedded database is closed');
      const own = await createDatabase({ dataDir: 'memory://' });
      await own.close();
      expect(await own.ping()).toBe(false);
    },
    STARTUP_TIMEOUT_MS,
  );
});

describe('a worker thread that cannot open or dies', () => {
  test(
    'a data folder PGlite cannot open rejects start() with its error',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'sotong-pglite-worker-'));
      try {
        const notAFolder = path.join(dir, 'file');
        await writeFile(notAFolder, 'not a database');
        await expect(PGliteWorkerClient.start(notAFolder)).rejects.toBeInstanceOf(Error);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    STARTUP_TIMEOUT_MS,
  );

  test(
    'waiting and later queries fail as a lost connection (retried, not dead-lettered); onLost is told once',
    async () => {
      const lost: Error[] = [];
      const client = await PGliteWorkerClient.start('memory://', { onLost: (error) => lost.push(error) });
      const db = new Kysely<NoTables>({ dialect: new PGliteDialect(client) });
      await sql`select 1`.execute(db);
      // Long enough to still be running when the thread is killed.
      const waiting = sql`select count(*) from generate_series(1, 50000000)`.execute(db).catch((error: unknown) => error);
      await client.kill();
      const failure = await waiting;
      expect(failure).toMatchObject({ code: DATABASE_LOST_CODE, message: expect.stringMatching(/worker thread exited/) });
      expect(isConnectionError(failure)).toBe(true);
      await expect(sql`select 1`.execute(db)).rejects.toMatchObject({ code: DATABASE_LOST_CODE });
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBe(failure);
      await db.destroy();
      expect(lost).toHaveLength(1);
    },
    STARTUP_TIMEOUT_MS,
  );
});
