// Failed sign-ins in the database, so every API process counts the same (accounts/login-limiter.ts).
import type { Kysely } from 'kysely';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';
import type { LoginFailures } from './login-limiter';

export class LoginFailureRepository implements LoginFailures {
  private readonly db: Kysely<Schema>;
  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  async recent(key: string, since: Date): Promise<Date[]> {
    const rows = await this.db.selectFrom('login_failures').select('at').where('key', '=', key).where('at', '>', since).orderBy('at').execute();
    return rows.map((r) => new Date(r.at));
  }

  async record(key: string, at: Date): Promise<string> {
    const id = newId();
    await this.db.insertInto('login_failures').values({ id, key, at }).execute();
    return id;
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await this.db
        .deleteFrom('login_failures')
        .where('id', 'in', [...ids])
        .execute();
  }

  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  async prune(before: Date): Promise<void> {
    await this.db.deleteFrom('login_failures').where('at', '<', before).execute();
  }
}
