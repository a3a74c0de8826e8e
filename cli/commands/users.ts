// `sotong users …`: staff accounts from the command line, so a locked-out admin can recover.
// Works on the configured database: the embedded PGlite in SOTONG_DATA_DIR while the server is
// stopped, or PostgreSQL (DATABASE_URL) while it runs. A password not given with --password is
// generated and printed once; a reset password is temporary (must be changed at sign-in).
//   users add EMAIL --role ROLE[,ROLE] [--password P] [--name NAME]
//   users list
//   users set-role EMAIL ROLE[,ROLE]
//   users reset-password EMAIL [--password P]
//   users deactivate EMAIL | users reactivate EMAIL
import { parseArgs } from 'node:util';
import type { CliCommand, CliIO } from '../command';
import { withConfiguredDatabase } from '../with-database';

const USAGE = `Usage:
  sotong users add EMAIL --role ROLE[,ROLE] [--password P] [--name NAME]
  sotong users list
  sotong users set-role EMAIL ROLE[,ROLE]
  sotong users reset-password EMAIL [--password P]
  sotong users deactivate EMAIL
  sotong users reactivate EMAIL
`;

class UsageError extends Error {}

export const command: CliCommand = {
  name: 'users',
  summary: 'Staff accounts: add, list, set-role, reset-password, deactivate, reactivate',
  async run(args: readonly string[], io: CliIO): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...args],
        allowPositionals: true,
        options: { role: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      io.stderr.write(`sotong users: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    if (parsed.values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    const [action, ...rest] = parsed.positionals;
    const { ROLES, isRole } = require('../../accounts/roles') as typeof import('../../accounts/roles');
    const { isStaffEmail } = require('../../accounts/staff-email') as typeof import('../../accounts/staff-email');
    const { MIN_PASSWORD_LENGTH } = require('../../accounts/user-routes') as typeof import('../../accounts/user-routes');

    const rolesOf = (value: string | undefined): string[] => {
      const roles = (value ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const bad = roles.filter((r) => !isRole(r));
      if (roles.length === 0 || bad.length > 0) throw new UsageError(`roles must be some of ${ROLES.join(', ')} (got "${value ?? ''}")`);
      return [...new Set(roles)];
    };
    const emailOf = (value: string | undefined): string => {
      if (!value || !isStaffEmail(value)) throw new UsageError(`give an email address like name@localhost (got "${value ?? ''}")`);
      return value;
    };
    const passwordOf = (value: string | undefined): string | undefined => {
      if (value !== undefined && value.length < MIN_PASSWORD_LENGTH) throw new UsageError(`--password must be at least ${MIN_PASSWORD_LENGTH} characters`);
      return value;
    };

    let plan: (tools: Tools) => Promise<number>;
    try {
      const want = (n: number) => {
        if (rest.length !== n) throw new UsageError(`"${action}" takes ${n} argument(s), got ${rest.length}`);
      };
      switch (action) {
        case 'add': {
          want(1);
          const email = emailOf(rest[0]);
          const roles = rolesOf(parsed.values.role);
          const password = passwordOf(parsed.values.password);
          plan = (t) => add(t, email, roles, password, parsed.values.name);
          break;
        }
        case 'list':
          want(0);
          plan = list;
          break;
        case 'set-role': {
          want(2);
          const email = emailOf(rest[0]);
          const roles = rolesOf(rest[1]);
          plan = (t) => change(t, email, 'user.update', async (id) => void (await t.users.update(id, { roles })), `${email}: roles ${roles.join(', ')}`);
          break;
        }
        case 'reset-password': {
          want(1);
          const email = emailOf(rest[0]);
          const password = passwordOf(parsed.values.password);
          plan = (t) => reset(t, email, password);
          break;
        }
        case 'deactivate':
        case 'reactivate': {
          want(1);
          const email = emailOf(rest[0]);
          const on = action === 'reactivate';
          plan = (t) =>
            change(
              t,
              email,
              on ? 'user.enable' : 'user.disable',
              async (id) => void (await (on ? t.users.enable(id) : t.users.disable(id))),
              `${email}: ${on ? 'reactivated' : 'deactivated (sessions ended)'}`,
            );
          break;
        }
        default:
          throw new UsageError(action ? `unknown action "${action}"` : 'give an action');
      }
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`sotong users: ${error.message}\n${USAGE}`);
      return 2;
    }

    const { migrateToLatest } = require('../../store/migrate') as typeof import('../../store/migrate');
    const { UserRepository } = require('../../accounts/user-repository') as typeof import('../../accounts/user-repository');
    const { AuditLog } = require('../../store/audit-repository') as typeof import('../../store/audit-repository');
    const { generatePassword, hashPassword } = require('../../accounts/password') as typeof import('../../accounts/password');
    return withConfiguredDatabase('users', io, async (database) => {
      await migrateToLatest(database);
      return plan({ io, users: new UserRepository(database.db), audit: new AuditLog(database.db), generatePassword, hashPassword });
    });
  },
};

interface Tools {
  readonly io: CliIO;
  readonly users: import('../../accounts/user-repository').UserRepository;
  readonly audit: import('../../store/audit-repository').AuditLog;
  readonly generatePassword: () => string;
  readonly hashPassword: (password: string) => Promise<string>;
}

const ACTOR = 'cli';

function printPassword(io: CliIO, email: string, password: string): void {
  io.stdout.write(`  email:    ${email}\n  password: ${password}\n  이 비밀번호는 다시 표시되지 않습니다. / This password is shown only once.\n`);
}

async function add(t: Tools, email: string, roles: string[], password: string | undefined, name: string | undefined): Promise<number> {
  const secret = password ?? t.generatePassword();
  const created = await t.users.create({
    email,
    passwordHash: await t.hashPassword(secret),
    roles,
    displayName: name ?? email,
    mustChangePassword: password === undefined,
  });
  if (!created) {
    t.io.stderr.write(`sotong users: a user with the email ${email} exists\n`);
    return 1;
  }
  await t.audit.record({ actor: ACTOR, action: 'user.create', target: created.id, details: { roles } });
  t.io.stdout.write(`Created ${created.email} (${roles.join(', ')}).\n`);
  if (!password) printPassword(t.io, created.email, secret);
  return 0;
}

async function list(t: Tools): Promise<number> {
  const rows = await t.users.list();
  const lines = rows.map((u) =>
    [
      u.email,
      u.roles.join(','),
      u.queues.join(',') || '-',
      u.disabledAt ? 'deactivated' : u.mustChangePassword ? 'must-change-password' : 'active',
      u.displayName,
    ].join('\t'),
  );
  t.io.stdout.write(['email\troles\tqueues\tstatus\tname', ...lines].join('\n') + '\n');
  return 0;
}

async function change(t: Tools, email: string, action: string, apply: (id: string) => Promise<void>, done: string): Promise<number> {
  const user = await t.users.findByEmail(email);
  if (!user) {
    t.io.stderr.write(`sotong users: no user with the email ${email}\n`);
    return 1;
  }
  await apply(user.id);
  await t.audit.record({ actor: ACTOR, action, target: user.id });
  t.io.stdout.write(`${done}\n`);
  return 0;
}

async function reset(t: Tools, email: string, password: string | undefined): Promise<number> {
  const user = await t.users.findByEmail(email);
  if (!user) {
    t.io.stderr.write(`sotong users: no user with the email ${email}\n`);
    return 1;
  }
  const secret = password ?? t.generatePassword();
  await t.users.setPassword(user.id, await t.hashPassword(secret), { temporary: true });
  await t.audit.record({ actor: ACTOR, action: 'user.reset_password', target: user.id });
  t.io.stdout.write(`Reset the password of ${user.email}; their sessions ended. It must be changed at the next sign-in.\n`);
  if (!password) printPassword(t.io, user.email, secret);
  return 0;
}
