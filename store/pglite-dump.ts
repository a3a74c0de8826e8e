// A migrated embedded database as a tar, for store/pglite-template.ts: made once (the test run
// makes it in jest's globalSetup) and copied into every throwaway database after that.
import { Kysely } from 'kysely';
import { migrateToLatest } from './migrate';
import { PGliteDialect } from './pglite-driver';
import { memoryDatabaseTemplate } from './pglite-template';
import { PGliteWorkerClient } from './pglite-worker-client';
import type { Schema } from './schema';

/** A new in-memory database with every migration applied, dumped as a tar (PGlite's dumpDataDir). */
export async function migratedDatabaseDump(): Promise<Uint8Array> {
  const client = await PGliteWorkerClient.start('memory://', { startFrom: memoryDatabaseTemplate() });
  try {
    await migrateToLatest(new Kysely<Schema>({ dialect: new PGliteDialect(client) }));
    return await client.dump();
  } finally {
    await client.close();
  }
}
