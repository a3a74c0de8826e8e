// The data folder holds citizens' messages (PGlite's files) and the server secret: no other
// local user may read it. The folder is made 0700 and everything in it 0600 (folders 0700),
// whatever the umask; existing installs are tightened on the next start. PGlite keeps creating
// files as it runs (WAL segments, new tables), so the process umask also gains 077: its files
// are then born private.
import { chmod, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export async function makePrivateFolder(dir: string): Promise<void> {
  // Worker threads cannot change the umask; the main thread has set it for the process.
  if (isMainThread) process.umask(process.umask() | 0o077);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await tighten(dir);
}

async function tighten(dir: string): Promise<void> {
  await chmod(dir, PRIVATE_DIR_MODE);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await tighten(full);
    else if (entry.isFile()) await chmod(full, PRIVATE_FILE_MODE);
  }
}
