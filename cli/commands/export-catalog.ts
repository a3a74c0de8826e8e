// `sotong export-catalog --out DIR`: writes the catalog as trainers edited it in the database
// back to catalog files (one <id>.yaml per intent), ready to review and commit to intents/catalog.
// Uses DATABASE_URL, or the embedded PGlite database in SOTONG_DATA_DIR.
import type { CliCommand } from '../command';
import { withConfiguredDatabase } from '../with-database';

export const command: CliCommand = {
  name: 'export-catalog',
  summary: 'Write the intent catalog from the database to YAML files (--out DIR)',
  async run(args, io) {
    const { parseArgs } = require('node:util') as typeof import('node:util');
    let out: string | undefined;
    try {
      out = parseArgs({ args: [...args], options: { out: { type: 'string' } } }).values.out;
    } catch (error) {
      io.stderr.write(`sotong export-catalog: ${(error as Error).message}\n`);
      return 2;
    }
    if (!out) {
      io.stderr.write('usage: sotong export-catalog --out DIR\n');
      return 2;
    }
    const { mkdirSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const { loadCatalogFromDb } = require('../../training/catalog-repository') as typeof import('../../training/catalog-repository');
    const { exportCatalog } = require('../../training/trainer-export') as typeof import('../../training/trainer-export');
    return withConfiguredDatabase('export-catalog', io, async (database) => {
      const catalog = await loadCatalogFromDb(database.db);
      if (catalog.intents.length === 0) {
        io.stderr.write('sotong export-catalog: the database holds no catalog yet (it is seeded when the server first starts)\n');
        return 1;
      }
      mkdirSync(out, { recursive: true });
      for (const [file, text] of Object.entries(exportCatalog(catalog))) writeFileSync(path.join(out, file), text);
      io.stdout.write(`Wrote ${catalog.intents.length} intent files from ${database.kind} to ${out}\n`);
      return 0;
    });
  },
};
