// `sotong users`: on PostgreSQL while the server runs (a locked-out admin recovers with
// reset-password: the new password signs in, the old one fails), and on the embedded database
// while no server holds it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../cli/main';
import type { Database } from '../../store/database';
import { call, PASSWORD, signIn, startAgentApp, tableModel, type AgentApp } from '../auth/agent-app';
import { createFreshDatabase, type FreshDatabase } from '../handoff/server-support';
import { TEST_DATABASE_URL } from '../support/backends';
import { capturedIo } from '../support/cli-io';

jest.setTimeout(120_000);

async function cli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const t = capturedIo({ PATH: process.env.PATH, ...env });
  const code = await runCli(['users', ...args], t.io);
  return { code, out: t.out(), err: t.err() };
}

const printedPassword = (out: string) => /password: (\S+)/.exec(out)?.[1];
const login = (app: AgentApp, email: string, password: string) =>
  call(app.url, 'POST', '/api/v1/auth/login', { body: { email, password } }).then((r) => r.status);

(TEST_DATABASE_URL ? describe : describe.skip)('sotong users on PostgreSQL while the server runs', () => {
  let fresh: FreshDatabase;
  let database: Database;
  let app: AgentApp;
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    fresh = await createFreshDatabase(TEST_DATABASE_URL!);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-users-cli-'));
    // The server in the fresh database's default schema, where the CLI looks too.
    app = await startAgentApp('postgres', { ...tableModel(), env: { DATABASE_URL: fresh.url, DATABASE_SCHEMA: '' } });
    database = app.database;
    env = { DATABASE_URL: fresh.url, SOTONG_DATA_DIR: dataDir };
  });
  afterAll(async () => {
    await app?.close();
    await fresh?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  test('reset-password: the new password signs in, the old one fails, and the sessions end', async () => {
    const admin = await app.user(['admin'], `locked-out-${Date.now()}@localhost`);
    const session = await signIn(app.url, admin.email);
    expect((await session.bearer('GET', '/api/v1/users')).status).toBe(200);

    const given = await cli(env, 'reset-password', admin.email, '--password', 'recovered password 2026');
    expect(given).toMatchObject({ code: 0, err: '' });
    expect(given.out).not.toContain('recovered password 2026');
    expect(await login(app, admin.email, PASSWORD)).toBe(401);
    expect(await login(app, admin.email, 'recovered password 2026')).toBe(200);
    expect((await session.bearer('GET', '/api/v1/users')).status).toBe(401);

    // Without --password: generated, printed once, temporary (must be changed before anything else).
    const generated = await cli(env, 'reset-password', admin.email);
    expect(generated.code).toBe(0);
    const password = printedPassword(generated.out)!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await login(app, admin.email, 'recovered password 2026')).toBe(401);
    const temporary = await signIn(app.url, admin.email, password);
    expect((await temporary.bearer('GET', '/api/v1/users')).status).toBe(403);
    expect((await temporary.browser('POST', '/api/v1/auth/password', { current: password, next: 'chosen by the admin 1' })).status).toBe(204);
    expect((await temporary.bearer('GET', '/api/v1/users')).status).toBe(200);
  });

  test('add (localhost email, generated password), list, set-role, deactivate', async () => {
    const email = `agent2-${Date.now()}@localhost`;
    const added = await cli(env, 'add', email, '--role', 'agent');
    expect(added.code).toBe(0);
    const password = printedPassword(added.out)!;
    expect(await login(app, email, password)).toBe(200);
    expect((await cli(env, 'add', email, '--role', 'agent')).code).toBe(1);

    expect((await cli(env, 'set-role', email, 'agent,trainer')).code).toBe(0);
    const listed = await cli(env, 'list');
    expect(listed.out).toMatch(new RegExp(`${email.replace('.', '\\.')}\\tagent,trainer\\t`));
    expect((await cli(env, 'deactivate', email)).code).toBe(0);
    expect(await login(app, email, password)).toBe(401);
    expect((await cli(env, 'reactivate', email)).code).toBe(0);
    expect(await login(app, email, password)).toBe(200);
    const audit = await database.db.selectFrom('audit_log').select(['actor', 'action']).where('actor', '=', 'cli').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['user.reset_password', 'user.create', 'user.update', 'user.disable', 'user.enable']));
  });

  test('bad input: a clear message, exit 2, nothing changed', async () => {
    for (const args of [
      ['add', 'not-an-email', '--role', 'agent'],
      ['add', 'x@localhost', '--role', 'boss'],
      ['reset-password', 'x@localhost', '--password', 'short'],
      ['frobnicate'],
      [],
    ]) {
      const result = await cli(env, ...args);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.err).toMatch(/^sotong users: /);
    }
    expect((await cli(env, 'reset-password', 'nobody@localhost')).code).toBe(1);
  });
});

test('sotong users on the embedded database while no server runs', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-users-pglite-'));
  try {
    const env = { SOTONG_DATA_DIR: dataDir };
    expect((await cli(env, 'add', 'admin2@localhost', '--role', 'admin')).code).toBe(0);
    const listed = await cli(env, 'list');
    expect(listed.out).toContain('admin2@localhost\tadmin\t-\tmust-change-password');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  // Each call boots the embedded database (WebAssembly) and runs the migrations: slow on a busy machine.
}, 300_000);
