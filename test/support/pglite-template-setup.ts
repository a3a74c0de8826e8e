// jest globalSetup: the template every new PGlite database of the run starts as
// (store/pglite-template.ts): what initdb makes, dumped once and cached on disk under jest's cache
// folder. It holds no schema (each test's database is migrated as a new one), so its name is a
// hash of PGlite's version and of the code that makes it.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { newDatabaseDump } from '../../store/pglite-dump';
import { PGLITE_TEMPLATE_ENV } from './pglite-template-install';

const ROOT = path.join(__dirname, '..', '..');

/** What the template depends on: PGlite's version and the code that dumps it. */
async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  // The package's exports hide its package.json; it sits above the entry point (dist/index.cjs).
  hash.update(await readFile(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json')));
  hash.update(await readFile(path.join(ROOT, 'store', 'pglite-dump.ts')));
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
    await writeFile(partial, await newDatabaseDump());
    await rename(partial, file);
    // Templates of other PGlite versions are never used again.
    for (const old of await readdir(folder)) if (old.endsWith('.tar') && old !== path.basename(file)) await rm(path.join(folder, old), { force: true });
  }
  process.env[PGLITE_TEMPLATE_ENV] = file;
}
