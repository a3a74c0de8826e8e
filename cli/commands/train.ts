// `sotong train [--catalog DIR] [--out FILE] [--seed N]`
// Builds the model from the catalog files and writes the versioned model file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serializeModel } from '../../bot/model-file';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../../intents/loader';
import { progressPrinter, trainFromCatalog } from '../../training/catalog-model';
import type { CliCommand } from '../command';

export const command: CliCommand = {
  name: 'train',
  summary: 'Train a model from the intent catalog and write the versioned model file',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: { catalog: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } },
    });
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) {
      io.stderr.write(`sotong train: --seed must be an integer, got "${values.seed}"\n`);
      return 2;
    }
    const catalog = loadCatalog(values.catalog ?? DEFAULT_CATALOG_DIR);
    const { model, examples } = trainFromCatalog(catalog, { seed, onProgress: progressPrinter((l) => io.stderr.write(l)) });
    const out = values.out ?? path.join(io.env.SOTONG_DATA_DIR ?? 'data', 'models', `${model.version}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, serializeModel(model));
    io.stdout.write(`${model.version} (${catalog.intents.length} intents, ${examples} examples) → ${out}\n`);
    return 0;
  },
};
