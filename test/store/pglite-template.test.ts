// Throwaway (memory://) databases can start as a template instead of running initdb
// (store/pglite-template.ts). A template is a starting point only: each copy is a database of its
// own, migrations still bring a template made from older migrations up to date, and a data folder
// never starts from it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Kysely, sql } from 'kysely';
import { createDatabase, type Database } from '../../store/database';
import { MIGRATIONS, migrateDown, migrateToLatest } from '../../store/migrate';
import { migratedDatabaseDump } from '../../store/pglite-dump';
import { PGliteDialect } from '../../store/pglite-driver';
import { memoryDatabaseTemplate, startMemoryDatabasesFrom } from '../../store/pglite-template';
import { PGliteWorkerClient } from '../../store/pglite-worker-client';
import type { Schema } from '../../store/schema';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';

jest.setTimeout(STARTUP_TIMEOUT_MS);

const NAMES = Object.keys(MIGRATIONS);

async function tableNames(database: Database): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(database.db);
  return rows.map((row) => row.table_name);
}

/** A database that went through every migration but the last, dumped: a template made before that migration existed. */
async function dumpOneMigrationBehind(template: Uint8Array): Promise<Uint8Array> {
  const client = await PGliteWorkerClient.start('memory://', { startFrom: template });
  try {
    expect(await migrateDown(new Kysely<Schema>({ dialect: new PGliteDialect(client) }))).toEqual([NAMES.at(-1)]);
    return await client.dump();
  } finally {
    await client.close();
  }
}

const previous = memoryDatabaseTemplate();
let template: Uint8Array;
const opened: Database[] = [];
const open = async (dataDir = 'memory://') => {
  const database = await createDatabase({ dataDir });
  opened.push(database);
  return database;
};

beforeAll(async () => {
  startMemoryDatabasesFrom(undefined);
  template = await migratedDatabaseDump();
});
afterEach(async () => {
  startMemoryDatabasesFrom(undefined);
  await Promise.all(opened.splice(0).map((database) => database.close()));
});
afterAll(() => startMemoryDatabasesFrom(previous));

test('without a template a memory:// database is new and empty; with one it starts migrated', async () => {
  const empty = await open();
  expect(await tableNames(empty)).toEqual([]);

  startMemoryDatabasesFrom(template);
  const copy = await open();
  expect(await tableNames(copy)).toEqual(expect.arrayContaining(['kysely_migration', 'messages', 'tickets', 'users']));
  expect(await migrateToLatest(copy)).toEqual([]);
});

test('each copy is a database of its own: what one writes, the template and the other copies never see', async () => {
  startMemoryDatabasesFrom(template);
  const [first, second] = [await open(), await open()];
  await first.db.insertInto('contacts').values({ id: 'c1', channel: 'web', platform_user_id: 'u1', handle: null, display_name: null }).execute();
  await sql`create table only_in_first (id int)`.execute(first.db);

  expect(await second.db.selectFrom('contacts').select('id').execute()).toEqual([]);
  expect(await tableNames(second)).not.toContain('only_in_first');
  const third = await open();
  expect(await third.db.selectFrom('contacts').select('id').execute()).toEqual([]);
});

test('a template made before the latest migration is brought up to date by migrating, as any database', async () => {
  startMemoryDatabasesFrom(await dumpOneMigrationBehind(template));
  const database = await open();
  expect(await migrateToLatest(database)).toEqual([NAMES.at(-1)]);
  expect(await migrateToLatest(database)).toEqual([]);
});

test('a data folder never starts from the template: a new folder is a new, empty database', async () => {
  startMemoryDatabasesFrom(template);
  const parent = await mkdtemp(path.join(os.tmpdir(), 'sotong-template-'));
  try {
    const database = await open(path.join(parent, 'data'));
    expect(await tableNames(database)).toEqual([]);
    await database.close();
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
});
