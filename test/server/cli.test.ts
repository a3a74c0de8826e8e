// The CLI dispatcher and the serve/migrate commands' argument and config handling.
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commandNames, helpText, runCli } from '../../cli/main';
import { parseServeArgs } from '../../cli/commands/serve';
import { capturedIo } from '../support/cli-io';

test('--help lists the commands with their summaries and the environment table', async () => {
  const t = capturedIo();
  expect(await runCli(['--help'], t.io)).toBe(0);
  expect(t.out()).toMatch(/serve\s+Run the server/);
  expect(t.out()).toMatch(/migrate\s+Apply pending database migrations/);
  expect(t.out()).toMatch(/SOTONG_DATA_DIR\s+.*default \.\/data/);
  expect(commandNames()).toEqual(expect.arrayContaining(['serve', 'migrate']));
  expect(helpText()).toBe(t.out());
});

test('an unknown command exits 2 and names the known ones', async () => {
  const t = capturedIo();
  expect(await runCli(['frobnicate'], t.io)).toBe(2);
  expect(t.err()).toMatch(/unknown command "frobnicate".*serve/);
  expect(await runCli(['../server/main'], capturedIo().io)).toBe(2);
});

test.each([
  [[], { role: 'all' }],
  [['--role', 'api'], { role: 'api' }],
  [['--role=worker'], { role: 'worker' }],
  [['--role', 'boss'], { error: '--role must be all, api or worker (got "boss")' }],
  [['--port', '1'], { error: 'unknown option "--port"' }],
])('serve %j', (args, expected) => {
  expect(parseServeArgs(args)).toEqual(expected);
});

test('serve with a bad role or bad config exits 2 with the reason', async () => {
  const bad = capturedIo();
  expect(await runCli(['serve', '--role', 'boss'], bad.io)).toBe(2);
  expect(bad.err()).toMatch(/--role must be all, api or worker/);
  const config = capturedIo({ PORT: 'eighty' });
  expect(await runCli(['serve'], config.io)).toBe(2);
  expect(config.err()).toMatch(/PORT: /);
});

test.each(['worker', 'api'])('serve --role %s without PostgreSQL and Redis refuses to start, naming both', async (role) => {
  const t = capturedIo({ SOTONG_DATA_DIR: path.join(os.tmpdir(), 'sotong-never-created') });
  expect(await runCli(['serve', '--role', role], t.io)).toBe(2);
  expect(t.err()).toMatch(/set DATABASE_URL and REDIS_URL/);
  const onlyDb = capturedIo({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
  expect(await runCli(['serve', '--role', role], onlyDb.io)).toBe(2);
  expect(onlyDb.err()).toMatch(/set REDIS_URL \(/);
});

test.each([['migrate'], ['export-catalog', '--out', 'never-written']])(
  '%s with a bad config exits 2 with the reason and opens no database',
  async (...args) => {
    const dataDir = path.join(os.tmpdir(), `sotong-bad-config-${process.pid}`);
    const t = capturedIo({ PORT: 'eighty', SOTONG_DATA_DIR: dataDir });
    expect(await runCli(args, t.io)).toBe(2);
    expect(t.err()).toMatch(new RegExp(`^sotong ${args[0]}: Invalid configuration:\n\\s+PORT: `));
    await expect(access(dataDir)).rejects.toThrow();
  },
);

test('migrate applies the migrations once, then says it is up to date', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-migrate-'));
  try {
    const first = capturedIo({ SOTONG_DATA_DIR: dataDir });
    expect(await runCli(['migrate'], first.io)).toBe(0);
    expect(first.out()).toMatch(/Applied \d+ migration\(s\) on pglite:\n {2}0001_conversations/);
    const second = capturedIo({ SOTONG_DATA_DIR: dataDir });
    expect(await runCli(['migrate'], second.io)).toBe(0);
    expect(second.out()).toBe('Database (pglite) is up to date.\n');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
