// `sotong migrate`: applies pending database migrations and exits. Uses DATABASE_URL, or the
// embedded PGlite database in SOTONG_DATA_DIR.
import type { CliCommand, CliIO } from '../command';

export const command: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  async run(args: readonly string[], io: CliIO): Promise<number> {
    if (args.length > 0) {
      io.stderr.write(`sotong migrate: takes no arguments (got ${args.join(' ')})\n`);
      return 2;
    }
    const { ConfigError, loadConfig } = require('../../server/config') as typeof import('../../server/config');
    const { createDatabase } = require('../../store/database') as typeof import('../../store/database');
    const { migrateToLatest } = require('../../store/migrate') as typeof import('../../store/migrate');
    let config;
    try {
      config = loadConfig(io.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`sotong migrate: ${error.message}\n`);
      return 2;
    }
    const database = await createDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrateToLatest(database);
      io.stdout.write(applied.length === 0 ? `Database (${database.kind}) is up to date.\n` : `Applied ${applied.length} migration(s) on ${database.kind}:\n${applied.map((m) => `  ${m}\n`).join('')}`);
      return 0;
    } catch (error) {
      io.stderr.write(`sotong migrate: ${(error as Error).message}\n`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
