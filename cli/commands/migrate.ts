// `sotong migrate`: applies pending database migrations and exits. Uses DATABASE_URL, or the
// embedded PGlite database in SOTONG_DATA_DIR.
import type { CliCommand, CliIO } from '../command';
import { withConfiguredDatabase } from '../with-database';

export const command: CliCommand = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  async run(args: readonly string[], io: CliIO): Promise<number> {
    if (args.length > 0) {
      io.stderr.write(`sotong migrate: takes no arguments (got ${args.join(' ')})\n`);
      return 2;
    }
    const { migrateToLatest } = require('../../store/migrate') as typeof import('../../store/migrate');
    return withConfiguredDatabase('migrate', io, async (database) => {
      const applied = await migrateToLatest(database);
      io.stdout.write(
        applied.length === 0
          ? `Database (${database.kind}) is up to date.\n`
          : `Applied ${applied.length} migration(s) on ${database.kind}:\n${applied.map((m) => `  ${m}\n`).join('')}`,
      );
      return 0;
    });
  },
};
