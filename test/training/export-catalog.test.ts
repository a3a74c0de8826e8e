import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { command } from '../../cli/commands/export-catalog';
import { loadCatalog } from '../../intents/loader';
import { createDatabase } from '../../store/database';
import { migrateToLatest } from '../../store/migrate';
import { seedCatalogIfEmpty } from '../../training/catalog-repository';
import { smallCatalog } from './fixtures';

function capture() {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) });
  return { stream, text: () => text };
}

describe('sotong export-catalog', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sotong-export-db-'));
  const run = async (args: string[]) => {
    const stdout = capture();
    const stderr = capture();
    const code = await command.run(args, { stdout: stdout.stream, stderr: stderr.stream, env: { SOTONG_DATA_DIR: dataDir } });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };

  test('says there is nothing to export before the database is seeded, and needs --out', async () => {
    const database = await createDatabase({ dataDir });
    await migrateToLatest(database);
    await database.close();
    expect(await run(['--out', path.join(dataDir, 'none')])).toMatchObject({ code: 1, stderr: expect.stringContaining('no catalog') });
    expect((await run([])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
  });

  test('writes one YAML file per intent that the catalog loader reads back unchanged', async () => {
    const seeded = smallCatalog();
    const database = await createDatabase({ dataDir });
    await seedCatalogIfEmpty(database.db, seeded);
    await database.close();

    const out = path.join(dataDir, 'export');
    const result = await run(['--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote 22 intent files') });
    expect(readdirSync(out).sort()).toEqual(seeded.intents.map((i) => `${i.id}.yaml`).sort());
    const loaded = loadCatalog(out);
    for (const intent of seeded.intents) {
      const back = loaded.byId.get(intent.id)!;
      expect({ ...back, examples: undefined }).toEqual({ ...intent, examples: undefined });
      // Seeding files a few English-looking Korean examples under the detected language.
      expect([...back.examples.ko, ...back.examples.en].sort()).toEqual([...intent.examples.ko, ...intent.examples.en].sort());
    }
  });
});
