// For commands that work on the configured database (DATABASE_URL, or the embedded PGlite in
// SOTONG_DATA_DIR): read the config, open the database, run the work, always close it. A bad
// config exits 2 and a failure in the work exits 1, each with `sotong <command>: <reason>`.
// Modules load lazily, so `sotong --help` and other commands do not pay for the store.
import type { Database } from '../store/database';
import type { CliIO } from './command';

export async function withConfiguredDatabase(command: string, io: CliIO, work: (database: Database) => Promise<number>): Promise<number> {
  const { ConfigError, loadConfig } = require('../server/config') as typeof import('../server/config');
  const { createDatabase } = require('../store/database') as typeof import('../store/database');
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`sotong ${command}: ${error.message}\n`);
    return 2;
  }
  let database;
  try {
    // Refused while a server holds the embedded database's folder (store/data-dir-lock.ts).
    database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    io.stderr.write(`sotong ${command}: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await work(database);
  } catch (error) {
    io.stderr.write(`sotong ${command}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
