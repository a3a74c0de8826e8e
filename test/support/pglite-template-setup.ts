// jest globalSetup: the migrated database every memory:// PGlite of the run starts as
// (store/pglite-template.ts), made once and cached on disk under jest's cache folder. Its name is
// a hash of PGlite's version and every file the schema comes from, so a template made from other
// migrations is never found, and migrations still run on top of it at every open.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { migratedDatabaseDump } from '../../store/pglite-dump';
import { PGLITE_TEMPLATE_ENV } from './pglite-template-install';

const ROOT = path.join(__dirname, '..', '..');

/** What the template depends on: PGlite's version, the migrations and the code that applies and dumps them. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  // The package's exports hide its package.json; it sits above the entry point (dist/index.cjs).
  hash.update(await readFile(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json')));
  const migrations = path.join(ROOT, 'store', 'migrations');
  const files = [
    ...(await readdir(migrations)).sort().map((name) => path.join(migrations, name)),
    ...['migrate.ts', 'pglite-dump.ts'].map((name) => path.join(ROOT, 'store', name)),
  ];
  for (const file of files) hash.update(`\0${path.basename(file)}\0`).update(await readFile(file));
  return hash.digest('hex').slice(0, 24);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export default async function makePGliteTemplate(_globalConfig: unknown, projectConfig: { cacheDirectory: string }): Promise<void> {
  const folder = path.join(projectConfig.cacheDirectory, 'sotong-pglite-template');
  const file = path.join(folder, `${await templateKey()}.tar`);
  if (!(await exists(file))) {
    await mkdir(folder, { recursive: true });
    // Written aside and renamed: a run started alongside never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, await migratedDatabaseDump());
    await rename(partial, file);
  }
  process.env[PGLITE_TEMPLATE_ENV] = file;
}
