// A PostgreSQL cluster of the test's own, in a temp folder on its own port, so a test can restart
// it without touching the shared server on 5432. Runs as the `pgtest` user (initdb refuses root),
// created on first use when the test runs as root.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const USER = 'pgtest';

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((dir) => existsSync(path.join(dir, 'pg_ctl')));
}

/** Why an own cluster cannot run here, or undefined when it can. */
export function ownClusterUnavailable(): string | undefined {
  if (!binDir()) return 'no PostgreSQL binaries under /usr/lib/postgresql';
  if (spawnSync('id', [USER]).status !== 0) {
    if (process.getuid?.() !== 0) return `user ${USER} is missing and we are not root to create it`;
    if (spawnSync('useradd', ['-m', USER]).status !== 0) return `cannot create user ${USER}`;
  }
  return undefined;
}

export interface PgCluster {
  readonly url: string;
  readonly port: number;
  /** Stops and starts the server; the caller's event loop keeps running meanwhile. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(): void;
}

export function startPgCluster(port: number): PgCluster {
  const bin = binDir()!;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sotong-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const as = (command: string) => execFileSync('su', [USER, '-s', '/bin/sh', '-c', command], { stdio: 'pipe', timeout: 120_000 });
  as(`${bin}/initdb -D ${data} -A trust -U postgres --no-sync >/dev/null`);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const ctl = (action: string) => as(`${bin}/pg_ctl -D ${data} -o "${options}" -l ${dir}/log -w -t 60 ${action}`);
  ctl('start');
  const ctlAsync = (action: string) =>
    promisify(execFile)('su', [USER, '-s', '/bin/sh', '-c', `${bin}/pg_ctl -D ${data} -o "${options}" -l ${dir}/log -w -t 60 ${action}`], { timeout: 120_000 });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: async (mode = 'fast') => {
      await ctlAsync(`stop -m ${mode}`);
      await ctlAsync('start');
    },
    stop: () => {
      try {
        ctl('stop -m immediate');
      } catch {
        // already down
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
