// 0011: users.must_change_password. An admin's password reset (page or `sotong users
// reset-password`) sets a temporary password and this flag; the user may do nothing but change
// it until they have. `down` drops the column.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
