// The users-table side of bootstrapAdmin(), over the store's Kysely handle.
import { newId } from '../store/ids';
import type { Database } from '../store/database';
import { UserRepository } from './auth/user-repository';
import type { AdminAccounts } from './bootstrap-admin';

export function adminAccounts(database: Database): AdminAccounts {
  const { db } = database;
  return {
    countAdmins: () => new UserRepository(db).countActiveAdmins(),
    async createUser(user) {
      const inserted = await db
        .insertInto('users')
        .values({ id: newId(), email: user.email, password_hash: user.passwordHash, roles: [...user.roles], display_name: user.displayName })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
  };
}
