// The embedded database's folder and files are private to the service's user whatever the umask:
// folder (and subfolders) 0700, files 0600, including files PGlite creates while it runs and the
// generated server secret.
import { mkdtemp, readdir, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { resolveServerSecret } from '../../server/server-secret';
import { createDatabase } from '../../store/database';
import { migrateToLatest } from '../../store/migrate';

async function modes(dir: string, found: Array<[string, number, boolean]> = []): Promise<Array<[string, number, boolean]>> {
  found.push([dir, (await stat(dir)).mode & 0o777, true]);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await modes(full, found);
    else if (entry.isFile()) found.push([full, (await stat(full)).mode & 0o777, false]);
  }
  return found;
}

test('under umask 022 the data folder is 0700 and every file in it 0600, old files included', async () => {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'sotong-private-'));
  const dataDir = path.join(parent, 'data');
  const previous = process.umask(0o022);
  try {
    // An install from before the fix: a world-readable folder and file.
    await mkdir(dataDir, { mode: 0o755 });
    await writeFile(path.join(dataDir, 'old-file'), 'x', { mode: 0o644 });
    process.umask(0o022);
    const database = await createDatabase({ dataDir });
    await migrateToLatest(database.db);
    // Files PGlite creates after opening (a new table, WAL) must be born private too.
    await sql`create table later_table (id text)`.execute(database.db);
    await sql`insert into later_table select 'row-' || g from generate_series(1, 2000) g`.execute(database.db);
    await resolveServerSecret(undefined, dataDir);
    await database.close();

    const all = await modes(dataDir);
    expect(all.filter(([, , isDir]) => !isDir).length).toBeGreaterThan(10);
    const wrong = all
      .filter(([, mode, isDir]) => mode !== (isDir ? 0o700 : 0o600))
      .map(([file, mode]) => `${path.relative(dataDir, file)} ${mode.toString(8)}`);
    expect(wrong).toEqual([]);
  } finally {
    process.umask(previous);
    await rm(parent, { recursive: true, force: true });
  }
}, 60_000);
