// The embedded database's prepared statements (store/pglite-prepared.ts, in the database's
// thread) answer exactly as unprepared ones: the same rows and types, errors with their SQLSTATE
// (and the session still usable after one), and a statement whose table changed under it falls
// back to running unprepared. PGlite cannot load inside jest, so this goes through the thread.
import { CompiledQuery } from 'kysely';
import { createDatabase, type Database } from '../../store/database';
import { OPEN_TIMEOUT_MS } from '../support/backends';

describe('PGlite prepared statements', () => {
  let database: Database;
  const run = async <R = Record<string, unknown>>(text: string, params: readonly unknown[] = []) =>
    database.db.executeQuery<R>(CompiledQuery.raw(text, [...params]));
  /** Statements prepared in the session (this query has no parameters, so it is never prepared itself). */
  const prepared = async () => (await run<{ c: number }>('select count(*)::int as c from pg_prepared_statements')).rows[0]!.c;

  beforeAll(async () => {
    database = await createDatabase({ dataDir: 'memory://' });
    await run('create table items (id text primary key, n int not null, at timestamptz, tags text[], doc jsonb)');
    await run(`insert into items values ('a', 1, '2026-12-06T08:00:00Z', '{x,y}', '{"k": [1, 2]}'), ('b', 2, null, null, null)`);
  }, OPEN_TIMEOUT_MS);

  afterAll(() => database?.close());

  test('a text seen twice is prepared, and answers as it did unprepared', async () => {
    const before = await prepared();
    const text = 'select id, n, at, tags, doc from items where n >= $1 order by id';
    const first = await run(text, [1]);
    expect(await prepared()).toBe(before);
    const second = await run(text, [1]);
    expect(await prepared()).toBe(before + 1);
    expect(second.rows).toEqual(first.rows);
    expect(second.rows[0]).toEqual({ id: 'a', n: 1, at: new Date('2026-12-06T08:00:00Z'), tags: ['x', 'y'], doc: { k: [1, 2] } });
    expect((await run(text, [2])).rows).toEqual([{ id: 'b', n: 2, at: null, tags: null, doc: null }]);
    expect(await prepared()).toBe(before + 1);
  });

  test('writes report their rows, and values of every kind are bound', async () => {
    const insert = 'insert into items (id, n, at, tags, doc) values ($1, $2, $3, $4, $5) returning id';
    for (const id of ['c', 'd', 'e']) {
      const result = await run(insert, [id, 3, new Date('2026-01-02T03:04:05Z'), ['p', 'q'], JSON.stringify({ id })]);
      expect(result.rows).toEqual([{ id }]);
      expect(result.numAffectedRows).toBe(1n);
    }
    const stored = await run("select id, at, tags, doc from items where id in ('c', 'd', 'e') order by id");
    expect(stored.rows).toEqual(['c', 'd', 'e'].map((id) => ({ id, at: new Date('2026-01-02T03:04:05Z'), tags: ['p', 'q'], doc: { id } })));
  });

  test('an error keeps its SQLSTATE, and the next statement still runs', async () => {
    const insert = 'insert into items (id, n) values ($1, $2)';
    await run(insert, ['f', 1]);
    await run(insert, ['g', 1]);
    await expect(run(insert, ['g', 1])).rejects.toMatchObject({ code: '23505' });
    expect((await run('select n from items where id = $1', ['g'])).rows).toEqual([{ n: 1 }]);
    await run(insert, ['h', 1]);
    expect((await run("select count(*)::int as c from items where id in ('f', 'g', 'h')")).rows).toEqual([{ c: 3 }]);
  });

  test('a statement whose table changed goes unprepared and still answers', async () => {
    const text = 'select * from items where id = $1';
    await run(text, ['a']);
    await run(text, ['a']);
    const before = await prepared();
    await run('alter table items add column note text');
    expect((await run(text, ['b'])).rows).toEqual([{ id: 'b', n: 2, at: null, tags: null, doc: null, note: null }]);
    // The stale statement is freed in the session, not left behind.
    expect(await prepared()).toBe(before - 1);
    // A statement prepared afterwards gets a name of its own.
    const after = 'select n from items where id = $1 and n > $2';
    await run(after, ['b', 0]);
    expect((await run(after, ['b', 0])).rows).toEqual([{ n: 2 }]);
    expect(await prepared()).toBe(before);
    expect((await run(text, ['a'])).rows).toEqual([{ id: 'a', n: 1, at: new Date('2026-12-06T08:00:00Z'), tags: ['x', 'y'], doc: { k: [1, 2] }, note: null }]);
  });

  test('inside a transaction a prepared statement sees its writes, and a rollback undoes them', async () => {
    const count = 'select count(*)::int as c from items where id like $1';
    await run(count, ['t%']);
    await database.db.transaction().execute(async (trx) => {
      await trx.executeQuery(CompiledQuery.raw("insert into items (id, n) values ('t1', 9)"));
      expect((await trx.executeQuery(CompiledQuery.raw(count, ['t%']))).rows).toEqual([{ c: 1 }]);
      await trx.executeQuery(CompiledQuery.raw("insert into items (id, n) values ('t2', 9)"));
    });
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw("insert into items (id, n) values ('t3', 9)"));
        expect((await trx.executeQuery(CompiledQuery.raw(count, ['t%']))).rows).toEqual([{ c: 3 }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect((await run(count, ['t%'])).rows).toEqual([{ c: 2 }]);
  });
});
