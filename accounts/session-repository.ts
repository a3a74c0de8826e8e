// Sessions in the database: one row per sign-in holding the SHA-256 of the token (never the
// token), its CSRF token and its expiry. A disabled user's sessions stop working at once.
import type { Kysely } from 'kysely';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';
import { hashToken, newToken } from './tokens';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  /** Signed in with a temporary password: only /auth/me, /auth/password and logout answer. */
  readonly mustChangePassword?: boolean;
}

export interface ActiveSession {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly user: SessionUser;
}

export interface IssuedSession {
  /** The credential: sent once in the cookie and the login body, stored only hashed. */
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** What the auth middleware needs; tests may pass their own. */
export interface SessionLookup {
  findActive(token: string, now?: Date): Promise<ActiveSession | undefined>;
  /** Marks the user as seen (online) for auto-assignment. */
  touchUser(userId: string, now?: Date): Promise<void>;
}

export class SessionRepository implements SessionLookup {
  private readonly db: Kysely<Schema>;
  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async create(userId: string, ttlMs: number, now: Date = new Date()): Promise<IssuedSession> {
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await this.db
      .insertInto('sessions')
      .values({ id: newId(), token_hash: hashToken(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
      .execute();
    // Expired rows are pruned by the next sign-in of the same user: cheap and bounded.
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
    return { token, csrfToken, expiresAt };
  }

  async findActive(token: string, now: Date = new Date()): Promise<ActiveSession | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token',
        'sessions.expires_at',
        'users.id as user_id',
        'users.email',
        'users.display_name',
        'users.roles',
        'users.must_change_password',
      ])
      .where('sessions.token_hash', '=', hashToken(token))
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      sessionId: row.session_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      user: { id: row.user_id, email: row.email, displayName: row.display_name, roles: row.roles, mustChangePassword: row.must_change_password },
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  async touchUser(userId: string, now: Date = new Date()): Promise<void> {
    await this.db.updateTable('users').set({ last_seen_at: now }).where('id', '=', userId).execute();
  }
}
