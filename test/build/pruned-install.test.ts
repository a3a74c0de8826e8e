// The production install the README documents: `npm run build`, then, in a copy holding only
// dist/, the package files and node_modules, `npm prune --omit=dev` (no esbuild, TypeScript or
// tsx left) and `node dist/cli/main.js serve`. It must become ready, answer a web-chat message
// and serve the built UI, with nothing transpiled at run time and no source file in reach.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/backends';
import { expectStaffUiServed } from '../support/built-ui';
import { startServeProcess, type ServedProcess } from '../support/served-process';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_ONLY = ['esbuild', 'typescript', 'tsx', 'jest', 'ts-jest', 'chart.js'];

let work: string;
let served: ServedProcess | undefined;

afterAll(async () => {
  served?.kill();
  if (work) await rm(work, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

test('npm run build, npm prune --omit=dev, node dist/cli/main.js serve: ready, answers, serves the UI', async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'sotong-pruned-'));
  const app = path.join(work, 'app');
  run('npm', ['run', '-s', 'build', '--', '--out-dir', path.join(app, 'dist')], ROOT);
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(ROOT, file), path.join(app, file));
  // Hard links keep the copy cheap; npm's own lock file inside is rewritten, so it gets a real copy.
  run('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(app, 'node_modules')], work);
  unlinkSync(path.join(app, 'node_modules', '.package-lock.json'));
  copyFileSync(path.join(ROOT, 'node_modules', '.package-lock.json'), path.join(app, 'node_modules', '.package-lock.json'));
  rmSync(path.join(app, 'node_modules', '.bin'), { recursive: true, force: true });

  run('npm', ['prune', '--omit=dev', '--offline', '--no-audit', '--no-fund'], app);
  for (const name of DEV_ONLY) expect({ name, installed: existsSync(path.join(app, 'node_modules', name)) }).toEqual({ name, installed: false });
  expect(existsSync(path.join(app, 'node_modules', 'express'))).toBe(true);
  expect(JSON.parse(readFileSync(path.join(app, 'dist', 'build-info.json'), 'utf8')).sourceHash).toMatch(/^[0-9a-f]{64}$/);

  served = await startServeProcess({
    args: ['dist/cli/main.js', 'serve'],
    cwd: app,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SOTONG_DATA_DIR: path.join(work, 'data'),
      LOG_LEVEL: 'warn',
      SOTONG_ADMIN_PASSWORD: 'pruned install password',
    },
    readyWithinMs: 150_000,
  });
  const { base } = served;

  const posted = await fetch(`${base}/api/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'pruned-citizen', text: '가족관계증명서 인터넷으로 발급하고 싶어요' }),
  });
  expect(posted.status).toBe(201);
  const answer = (await posted.json()) as { conversationId: string; accessToken: string; decision: { action: string } | null; reply: { text: string } | null };
  expect(answer.decision).not.toBeNull();
  expect(answer.reply?.text.length).toBeGreaterThan(0);
  // The outbound job delivers it: the reply shows up in the conversation.
  await eventually(
    async () => {
      const transcript = await fetch(`${base}/api/v1/conversations/${answer.conversationId}/messages`, {
        headers: { authorization: `Bearer ${answer.accessToken}` },
      }).then((r) => r.json() as Promise<{ messages: Array<{ direction: string; text: string }> }>);
      return transcript.messages.some((m) => m.direction === 'out' && m.text === answer.reply!.text);
    },
    30_000,
    'the delivered reply',
  );
  await expectStaffUiServed(base);

  expect(await served.stop()).toBe(0);
}, 420_000);
