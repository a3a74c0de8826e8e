// Repeated statements are prepared once per PostgreSQL connection; one-offs, scripts without
// parameters and texts past the per-connection cap stay unnamed; a statement whose table changed
// under it falls back to unnamed instead of failing.
import { Pool, type PoolClient } from 'pg';
import { createStatementNames } from '../../store/prepared-statements';
import { describeWithServers, TEST_DATABASE_URL, uniqueName } from '../support/backends';

describeWithServers({ postgres: true }, 'prepared statements', () => {
  const schema = uniqueName('prep');
  let pool: Pool;
  let client: PoolClient;
  /** A connection of its own for each test, so no statement prepared by an earlier test is on it. */
  const own: Pool[] = [];
  const connect = async (names: ReturnType<typeof createStatementNames>) => {
    const fresh = new Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schema}` });
    own.push(fresh);
    client = names.prepareOn(await fresh.connect());
  };

  const preparedOnServer = async (): Promise<string[]> => {
    const { rows } = await client.query<{ name: string }>('select name from pg_prepared_statements order by name');
    return rows.map((r) => r.name);
  };

  beforeAll(async () => {
    pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2, options: `-c search_path=${schema}` });
    await pool.query(`create schema ${schema}`);
    await pool.query('create table items (id int primary key, label text)');
    await pool.query("insert into items values (1, 'one'), (2, 'two')");
  });

  afterEach(() => client.release());

  afterAll(async () => {
    await Promise.all(own.map((p) => p.end()));
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
  });

  test('a text seen twice is prepared and reused; a one-off and a script are not', async () => {
    const names = createStatementNames();
    await connect(names);
    expect(names.prepareOn(client)).toBe(client); // patching twice changes nothing

    const select = 'select label from items where id = $1';
    expect((await client.query(select, [1])).rows).toEqual([{ label: 'one' }]);
    expect(await preparedOnServer()).toEqual([]);
    expect((await client.query(select, [2])).rows).toEqual([{ label: 'two' }]);
    expect((await client.query(select, [1])).rows).toEqual([{ label: 'one' }]);
    const prepared = await preparedOnServer();
    expect(prepared).toHaveLength(1);
    expect(prepared[0]).toMatch(/^s_[0-9a-f]{24}$/);

    await client.query('select label from items where id = $1 and label = $2', [1, 'one']);
    await client.query('select 1; select 2', []);
    await client.query('select 1; select 2', []);
    expect(await preparedOnServer()).toEqual(prepared);
  });

  test('a connection holds at most maxPerConnection named statements', async () => {
    await connect(createStatementNames({ maxPerConnection: 2 }));
    for (const n of [1, 2, 3]) {
      const text = `select label from items where id = $1 and ${n} = ${n}`;
      for (let i = 0; i < 3; i++) expect((await client.query(text, [1])).rows).toEqual([{ label: 'one' }]);
    }
    expect(await preparedOnServer()).toHaveLength(2);
  });

  test('a statement whose table changed under it goes unnamed and still answers', async () => {
    await connect(createStatementNames());
    const text = 'select * from items where id = $1';
    await client.query(text, [1]);
    await client.query(text, [1]);
    await pool.query('alter table items add column note text'); // another connection: as a migration would
    expect((await client.query(text, [2])).rows).toEqual([{ id: 2, label: 'two', note: null }]);
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, label: 'one', note: null }]);
  });
});
