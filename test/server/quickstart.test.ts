// Proves the quick start: `node bin/sotong.js serve` in a fresh data folder trains its first
// model, becomes ready, answers the web chat, prints the generated admin password once, and stops
// cleanly on SIGTERM. A real child process, a free port, PGlite and in-process jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/backends';
import { freePort } from '../support/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

let child: ChildProcess | undefined;
let dataDir: string;
let stdout = '';
let stderr = '';

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('sotong serve: ready, answers, and shuts down on SIGTERM', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-quickstart-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    SOTONG_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    LINK_CHECK_INTERVAL_SECONDS: '0',
  }; // no test reaches the internet
  child = spawn(process.execPath, ['bin/sotong.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;

  await eventually(
    async () => {
      if (child!.exitCode !== null) throw new Error(`serve exited early (${child!.exitCode}):\n${stderr}\n${stdout}`);
      return fetch(`${base}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
    },
    90_000,
    '/readyz',
  );

  const answer = await fetch(`${base}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'quickstart-citizen', text: '가족관계증명서 인터넷으로 발급하고 싶어요' }),
  });
  expect(answer.status).toBe(201);
  const body = (await answer.json()) as { decision: { intent: string } | null; accessToken: string };
  expect(body.decision).not.toBeNull();
  expect(typeof body.accessToken).toBe('string');
  expect((await fetch(`${base}/chat.html`)).status).toBe(200);
  // The staff pages answer without `.html`, and the start names both URLs.
  for (const page of ['staff', 'console', 'studio', 'dashboard', 'admin']) {
    const response = await fetch(`${base}/${page}`);
    expect({ page, status: response.status, type: response.headers.get('content-type') }).toEqual({
      page,
      status: 200,
      type: expect.stringContaining('text/html'),
    });
  }
  expect(stderr).toContain(`${base}/chat.html`);
  expect(stderr).toContain(`${base}/staff`);

  // The generated admin password is shown once on stderr, never in the JSON log on stdout.
  const password = /password: (\S+)/.exec(stderr)?.[1];
  expect(password).toBeDefined();
  expect(stdout).not.toContain(password!);
  for (const line of stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout).toMatch(/"msg":"stopped"/);
}, 120_000);
