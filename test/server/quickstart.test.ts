// Proves the quick start: `node bin/sotong.js serve` in a fresh data folder trains its first
// model, becomes ready, answers the web chat, prints the generated admin password once, and stops
// cleanly on SIGTERM. A real child process, a free port, PGlite and in-process jobs.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServeProcess, type ServedProcess } from '../support/served-process';

const ROOT = path.resolve(__dirname, '..', '..');

let served: ServedProcess | undefined;
let dataDir: string;

afterAll(async () => {
  served?.kill();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('sotong serve: ready, answers, and shuts down on SIGTERM', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-quickstart-'));
  served = await startServeProcess({
    args: ['bin/sotong.js', 'serve'],
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SOTONG_DATA_DIR: dataDir, LOG_LEVEL: 'info', LINK_CHECK_INTERVAL_SECONDS: '0' }, // no test reaches the internet
    readyWithinMs: 90_000,
  });
  const { base } = served;

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
  const stderr = served.stderr();
  expect(stderr).toContain(`${base}/chat.html`);
  expect(stderr).toContain(`${base}/staff`);

  // The generated admin password is shown once on stderr, never in the JSON log on stdout.
  const password = /password: (\S+)/.exec(stderr)?.[1];
  expect(password).toBeDefined();
  expect(served.stdout()).not.toContain(password!);
  for (const line of served.stdout().trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();

  expect(await served.stop()).toBe(0);
  expect(served.stdout()).toMatch(/"msg":"stopped"/);
}, 120_000);
