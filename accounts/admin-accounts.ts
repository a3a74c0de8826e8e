// The users-table side of bootstrapAdmin(), over the store's Kysely handle.
import { newId } from '../store/ids';
import type { Database } from '../store/database';
import type { AdminAccounts } from './bootstrap-admin';

export function adminAccounts(database: Database): AdminAccounts {
  const { db } = database;
  return {
    async countUsers() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
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
