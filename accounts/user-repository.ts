// Console users: create, find, list, disable. Emails are stored lower-cased and trimmed so
// "Agent@X" and "agent@x" are one account.
import { sql, type Kysely } from 'kysely';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly queues: readonly string[];
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
  /** A temporary password from a reset: the user must pick their own before anything else. */
  readonly mustChangePassword: boolean;
}

export interface UserChanges {
  readonly displayName?: string;
  readonly roles?: readonly string[];
  readonly queues?: readonly string[];
}

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly roles: readonly string[];
  readonly displayName: string;
  readonly queues?: readonly string[];
  /** A generated first password: the user must change it at their first sign-in. */
  readonly mustChangePassword?: boolean;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const COLUMNS = ['id', 'email', 'display_name', 'roles', 'queues', 'disabled_at', 'created_at', 'must_change_password'] as const;

function toRecord(row: {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  queues: string[];
  disabled_at: Date | null;
  created_at: Date;
  must_change_password: boolean;
}): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles,
    queues: row.queues,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    mustChangePassword: row.must_change_password,
  };
}

export class UserRepository {
  private readonly db: Kysely<Schema>;
  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  /** Enabled users holding the admin role (bootstrapAdmin's check). */
  countAdmins(): Promise<number> {
    return this.countActiveAdmins();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Returns undefined when the email is taken (also when another process took it first). */
  async create(user: NewUser): Promise<UserRecord | undefined> {
    const row = await this.db
      .insertInto('users')
      .values({
        id: newId(),
        email: normalizeEmail(user.email),
        password_hash: user.passwordHash,
        roles: [...user.roles],
        display_name: user.displayName,
        queues: [...(user.queues ?? [])],
        must_change_password: user.mustChangePassword ?? false,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(COLUMNS)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** The bootstrap-admin seam (accounts/bootstrap-admin.ts). */
  async createUser(user: NewUser): Promise<boolean> {
    return (await this.create(user)) !== undefined;
  }

  async findForLogin(email: string): Promise<(UserRecord & { readonly passwordHash: string }) | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select([...COLUMNS, 'password_hash'])
      // lower(): accounts made elsewhere (the bootstrap admin) may keep the case they were given.
      .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
      .orderBy('id')
      .executeTakeFirst();
    return row && { ...toRecord(row), passwordHash: row.password_hash };
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const row = await this.db.selectFrom('users').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(): Promise<UserRecord[]> {
    const rows = await this.db.selectFrom('users').select(COLUMNS).orderBy('id').execute();
    return rows.map(toRecord);
  }

  async findByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(COLUMNS)
      .where(sql<string>`lower(email)`, '=', normalizeEmail(email))
      .orderBy('id')
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Name, roles, queues; undefined if there is no such user. */
  async update(id: string, changes: UserChanges): Promise<UserRecord | undefined> {
    const set = {
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.roles !== undefined ? { roles: [...changes.roles] } : {}),
      ...(changes.queues !== undefined ? { queues: [...changes.queues] } : {}),
    };
    if (Object.keys(set).length === 0) return this.findById(id);
    const row = await this.db.updateTable('users').set(set).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Lets a disabled user sign in again. False if there is no such user. */
  async enable(id: string): Promise<boolean> {
    const updated = await this.db.updateTable('users').set({ disabled_at: null }).where('id', '=', id).executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  /**
   * A new password hash. `temporary` (an admin's reset) makes the user change it before
   * anything else and ends their sessions; their own change keeps the session they are in.
   */
  async setPassword(id: string, passwordHash: string, options: { readonly temporary: boolean; readonly keepSession?: string }): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: options.temporary })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      let sessions = trx.deleteFrom('sessions').where('user_id', '=', id);
      if (options.keepSession) sessions = sessions.where('id', '<>', options.keepSession);
      await sessions.execute();
      return true;
    });
  }

  async countActiveAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select(sql<string>`count(*)`.as('n'))
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`'admin' = any(roles)`)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Disables the user and ends every session of theirs. False if there is no such user. */
  async disable(id: string, now: Date = new Date()): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('users')
        .set((eb) => ({ disabled_at: eb.fn.coalesce('disabled_at', eb.val(now)) }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return false;
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      return true;
    });
  }
}
