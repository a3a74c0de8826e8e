// scrypt password hashes, and the first-start admin on a real database (PGlite, and PostgreSQL
// when configured).
import { UserRepository } from '../../accounts/user-repository';
import { hashPassword, verifyPassword } from '../../accounts/password';
import { bootstrapAdmin } from '../../accounts/bootstrap-admin';
import { silentLogger } from '../../core/logger';
import { describeEachDatabase } from '../support/backends';

const FAST = { N: 1024, r: 8, p: 1 };

test('a hash verifies its password only, and is salted', async () => {
  const hash = await hashPassword('올바른 비밀번호 correct horse', FAST);
  expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(await verifyPassword('올바른 비밀번호 correct horse', hash)).toBe(true);
  expect(await verifyPassword('올바른 비밀번호 correct hors', hash)).toBe(false);
  expect(await hashPassword('올바른 비밀번호 correct horse', FAST)).not.toBe(hash);
});

test('malformed or hostile stored values never verify', async () => {
  for (const stored of ['', 'plain', 'bcrypt$x', 'scrypt$abc$8$1$c2FsdA==$a2V5', `scrypt$${2 ** 30}$8$1$c2FsdA==$${'a'.repeat(88)}`]) {
    expect(await verifyPassword('x', stored)).toBe(false);
  }
});

describeEachDatabase('first-start admin', (current) => {
  test('no users: creates the admin once and prints a generated password once', async () => {
    const printed: string[] = [];
    const options = {
      accounts: new UserRepository(current().db),
      email: 'admin@localhost',
      logger: silentLogger,
      print: (t: string) => printed.push(t),
      hash: (p: string) => hashPassword(p, FAST),
    };
    expect(await bootstrapAdmin(options)).toBe('created-with-generated-password');
    expect(await bootstrapAdmin(options)).toBe('admin-exists');
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)![1]!;
    const row = await current().db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'admin@localhost', roles: ['admin'] });
    expect(row.password_hash).not.toContain(password);
    expect(await verifyPassword(password, row.password_hash)).toBe(true);
  });

  test('SOTONG_ADMIN_PASSWORD applies only while no admin exists, and the log says when it is ignored', async () => {
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const accounts = new UserRepository(current().db);
    await current().db.deleteFrom('sessions').execute();
    await current().db.deleteFrom('users').execute();
    // Only an agent exists: no admin yet, so the configured password creates one.
    expect(await accounts.createUser({ email: 'someone@localhost', passwordHash: 'h', roles: ['agent'], displayName: 'Agent' })).toBe(true);
    const options = {
      accounts,
      email: 'root@localhost',
      password: 'configured-password-123',
      logger,
      print: () => undefined,
      hash: (p: string) => hashPassword(p, FAST),
    };
    expect(await bootstrapAdmin(options)).toBe('created');
    expect(warnings).toEqual([]);
    // Now an admin exists: the variable is ignored, loudly, and the password is unchanged.
    const before = await current().db.selectFrom('users').select('password_hash').where('email', '=', 'root@localhost').executeTakeFirstOrThrow();
    expect(await bootstrapAdmin({ ...options, password: 'another-password-456' })).toBe('admin-exists');
    expect(warnings).toEqual([expect.stringMatching(/SOTONG_ADMIN_PASSWORD is set but ignored.*reset-password/)]);
    const after = await current().db.selectFrom('users').select('password_hash').where('email', '=', 'root@localhost').executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
  });

  test('a concurrent creator with the same email wins quietly', async () => {
    const accounts = new UserRepository(current().db);
    expect(await accounts.createUser({ email: 'race@localhost', passwordHash: 'h', roles: ['admin'], displayName: 'A' })).toBe(true);
    expect(await accounts.createUser({ email: 'race@localhost', passwordHash: 'h', roles: ['admin'], displayName: 'B' })).toBe(false);
  });
});

test('a configured password is used and not printed', async () => {
  const printed: string[] = [];
  const created: string[] = [];
  const result = await bootstrapAdmin({
    accounts: { countAdmins: async () => 0, createUser: async (u) => (created.push(u.passwordHash), true) },
    email: 'ops@example.go.kr',
    password: 'configured-password-123',
    logger: silentLogger,
    print: (t) => printed.push(t),
    hash: (p) => hashPassword(p, FAST),
  });
  expect(result).toBe('created');
  expect(printed).toEqual([]);
  expect(await verifyPassword('configured-password-123', created[0]!)).toBe(true);
});
