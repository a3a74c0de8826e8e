// One process per embedded database. PGlite has no server arbitrating access to its folder: two
// processes on one SOTONG_DATA_DIR corrupt it or abort in WebAssembly. The first process to open
// the folder writes its pid into a lock file; the next one is refused with that pid, unless the
// process is gone (crashed or killed -9), in which case the lock is stale and is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'sotong.lock';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`SOTONG_DATA_DIR ${dataDir} is in use by process ${pid}`);
  }
}

export interface DataDirLock {
  release(): void;
}

/** Takes the folder's lock or throws DataDirInUseError. `dataDir` must exist. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder !== undefined && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
      // Stale (its process is gone) or half-written by a process that died writing it.
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      if (readHolder(path) === process.pid) rmSync(path, { force: true });
    };
    process.on('exit', release);
    return { release };
  }
  throw new Error(`cannot take the lock ${path}: another process keeps replacing it`);
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
