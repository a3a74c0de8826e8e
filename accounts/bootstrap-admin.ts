// First start: while no active admin exists, create one so someone can sign in. The password
// comes from SOTONG_ADMIN_PASSWORD, or is generated and printed ONCE (to the console stream, not
// the log, so it is not kept in log storage). Once an admin exists the variable is ignored, and
// the log says so: a lost password is recovered with `sotong users reset-password`.
import { generatePassword, hashPassword } from './password';
import type { Logger } from '../core/logger';

/** The slice of the users store bootstrap needs. */
export interface AdminAccounts {
  /** Enabled users holding the admin role. */
  countAdmins(): Promise<number>;
  /** Returns false when a user with that email already exists (another process got there first). */
  createUser(user: { email: string; passwordHash: string; roles: readonly string[]; displayName: string }): Promise<boolean>;
}

export interface BootstrapAdminOptions {
  readonly accounts: AdminAccounts;
  readonly email: string;
  readonly password?: string;
  readonly logger: Logger;
  /** Where a generated password is shown. */
  readonly print: (text: string) => void;
  readonly hash?: (password: string) => Promise<string>;
}

export type BootstrapResult = 'created' | 'created-with-generated-password' | 'admin-exists';

export async function bootstrapAdmin(options: BootstrapAdminOptions): Promise<BootstrapResult> {
  if ((await options.accounts.countAdmins()) > 0) {
    if (options.password) {
      options.logger.warn('SOTONG_ADMIN_PASSWORD is set but ignored: an admin account exists. To reset a password run: sotong users reset-password EMAIL', {
        email: options.email,
      });
    }
    return 'admin-exists';
  }
  const password = options.password ?? generatePassword();
  const created = await options.accounts.createUser({
    email: options.email,
    passwordHash: await (options.hash ?? hashPassword)(password),
    roles: ['admin'],
    displayName: 'Administrator',
  });
  if (!created) {
    // The email is taken (a non-admin with that address, or another process just created it).
    options.logger.warn('could not create the first admin: a user with that email exists', { email: options.email });
    return 'admin-exists';
  }
  options.logger.info('created the first admin account', { email: options.email, passwordFrom: options.password ? 'SOTONG_ADMIN_PASSWORD' : 'generated' });
  if (options.password) return 'created';
  options.print(
    [
      '',
      '  관리자 계정을 만들었습니다 / Created the admin account',
      `    email:    ${options.email}`,
      `    password: ${password}`,
      '  이 비밀번호는 다시 표시되지 않습니다. / This password is shown only once.',
      '',
    ].join('\n'),
  );
  return 'created-with-generated-password';
}
