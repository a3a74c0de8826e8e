// What initdb makes, as a tar: the template for store/pglite-template.ts. It holds no schema, so
// it depends on PGlite's version only, and every database made from it is migrated like a new one.
import { PGliteWorkerClient } from './pglite-worker-client';

/** A new, empty embedded database (initdb's output), dumped as a tar (PGlite's dumpDataDir). */
export async function newDatabaseDump(): Promise<Uint8Array> {
  const client = await PGliteWorkerClient.start('memory://');
  try {
    return await client.dump();
  } finally {
    await client.close();
  }
}
