// One process per embedded database: a second `sotong serve` (or `sotong migrate`) on a folder a
// live server holds exits at once, naming the holder; after a kill -9 the lock is stale and the
// next start takes it over and serves.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../store/data-dir-lock';
import { eventually } from '../support/backends';
import { freePort } from '../support/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sotong-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('a live holder is named; release lets the next one in', () => {
    const held = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(new DataDirInUseError(dir, process.pid));
    expect(() => lockDataDir(dir)).toThrow(`SOTONG_DATA_DIR ${dir} is in use by process ${process.pid}`);
    held.release();
    lockDataDir(dir).release();
  });

  test('a lock whose process is gone is stale and taken over', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    await writeFile(path.join(dir, LOCK_FILE), gone.stdout);
    lockDataDir(dir).release();
  });
});

describe('sotong serve on a held folder', () => {
  jest.setTimeout(240_000);
  let dataDir: string;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  function serve(port: number) {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      SOTONG_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SOTONG_ADMIN_PASSWORD: 'lock test password 1',
    };
    const child = spawn(process.execPath, ['bin/sotong.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = () =>
      eventually(
        async () => {
          if (child.exitCode !== null) throw new Error(`serve exited early (${child.exitCode}):\n${stderr}`);
          return fetch(`http://127.0.0.1:${port}/readyz`).then(
            (r) => r.status === 200,
            () => false,
          );
        },
        120_000,
        '/readyz',
      );
    return { child, exited, ready, stderr: () => stderr };
  }

  test('the second serve and migrate exit non-zero naming the holder; after kill -9 the next start serves', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-held-'));
    const first = serve(await freePort());
    await first.ready();

    const second = serve(await freePort());
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toContain(`SOTONG_DATA_DIR ${dataDir} is in use by process ${first.child.pid}`);

    const migrate = spawnSync(process.execPath, ['bin/sotong.js', 'migrate'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SOTONG_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(migrate.status).not.toBe(0);
    expect(migrate.stderr).toContain(`SOTONG_DATA_DIR ${dataDir} is in use by process ${first.child.pid}`);

    first.child.kill('SIGKILL');
    await first.exited;
    const port = await freePort();
    const third = serve(port);
    await third.ready();
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '가족관계증명서 인터넷으로 발급하고 싶어요' }),
    });
    expect(answer.status).toBe(201);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});
