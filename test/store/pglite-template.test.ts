// New embedded databases can start as a template instead of running initdb
// (store/pglite-template.ts). A template is a starting point only: each copy is a database of its
// own, a data folder that already holds a database is never overwritten by it, and the template
// the test run uses (initdb's output) holds no schema, so every migration still runs on a copy.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase, type Database } from '../../store/database';
import { MIGRATIONS, migrateToLatest } from '../../store/migrate';
import { newDatabaseDump } from '../../store/pglite-dump';
import { newDatabaseTemplate, startNewDatabasesFrom } from '../../store/pglite-template';
import { PGliteWorkerClient } from '../../store/pglite-worker-client';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';

jest.setTimeout(STARTUP_TIMEOUT_MS);

async function tableNames(database: Database): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(database.db);
  return rows.map((row) => row.table_name);
}

/** A template that can be told apart from initdb's output: it has a table with one row. */
async function markedDump(): Promise<Uint8Array> {
  const client = await PGliteWorkerClient.start('memory://', { startFrom: newDatabaseTemplate() });
  try {
    await client.query('create table marker (note text)', []);
    await client.query(`insert into marker values ('from the template')`, []);
    return await client.dump();
  } finally {
    await client.close();
  }
}

const previous = newDatabaseTemplate();
let marked: Uint8Array;
let parent: string;
const opened: Database[] = [];
const open = async (dataDir = 'memory://') => {
  const database = await createDatabase({ dataDir });
  opened.push(database);
  return database;
};

beforeAll(async () => {
  marked = await markedDump();
  parent = await mkdtemp(path.join(os.tmpdir(), 'sotong-template-'));
});
afterEach(async () => {
  startNewDatabasesFrom(previous);
  await Promise.all(opened.splice(0).map((database) => database.close()));
});
afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true });
});

test('with a template a new memory:// database starts as a copy of it; without one, from initdb', async () => {
  startNewDatabasesFrom(marked);
  const copy = await open();
  expect(
    await copy.db
      .selectFrom('marker' as never)
      .selectAll()
      .execute(),
  ).toEqual([{ note: 'from the template' }]);

  startNewDatabasesFrom(undefined);
  expect(await tableNames(await open())).toEqual([]);
});

test('each copy is a database of its own: what one writes, the template and the other copies never see', async () => {
  startNewDatabasesFrom(marked);
  const [first, second] = [await open(), await open()];
  await sql`insert into marker values ('only in the first')`.execute(first.db);
  await sql`create table only_in_first (id int)`.execute(first.db);

  expect(await tableNames(second)).toEqual(['marker']);
  expect((await sql`select note from marker`.execute(second.db)).rows).toEqual([{ note: 'from the template' }]);
  expect((await sql`select note from marker`.execute((await open()).db)).rows).toEqual([{ note: 'from the template' }]);
});

test('a new data folder starts as the template; a folder that holds a database is opened as it is', async () => {
  const existing = await open(path.join(parent, 'existing'));
  await sql`create table kept (id int)`.execute(existing.db);
  await existing.close();

  startNewDatabasesFrom(marked);
  expect(await tableNames(await open(path.join(parent, 'existing')))).toEqual(['kept']);
  expect(await tableNames(await open(path.join(parent, 'new')))).toEqual(['marker']);
});

test("the run's template is initdb's output: no tables, and a copy is migrated like any new database", async () => {
  startNewDatabasesFrom(await newDatabaseDump());
  const database = await open();
  expect(await tableNames(database)).toEqual([]);
  expect(await migrateToLatest(database)).toEqual(Object.keys(MIGRATIONS));
});
