// First start: when there are no users at all, create an admin so someone can sign in. The
// password comes from SOTONG_ADMIN_PASSWORD, or is generated and printed ONCE (to the console
// stream, not the log, so it is not kept in log storage).
import { generatePassword, hashPassword } from './password';
import type { Logger } from '../core/logger';

/** The slice of the users store bootstrap needs. */
export interface AdminAccounts {
  countUsers(): Promise<number>;
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

export type BootstrapResult = 'created' | 'created-with-generated-password' | 'users-exist';

export async function bootstrapAdmin(options: BootstrapAdminOptions): Promise<BootstrapResult> {
  if ((await options.accounts.countUsers()) > 0) return 'users-exist';
  const password = options.password ?? generatePassword();
  const created = await options.accounts.createUser({
    email: options.email,
    passwordHash: await (options.hash ?? hashPassword)(password),
    roles: ['admin'],
    displayName: 'Administrator',
  });
  if (!created) return 'users-exist';
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
