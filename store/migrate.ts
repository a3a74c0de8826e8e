// Applies store/migrations in order. The list is static (no directory scan) so the bundle, tsx
// and ts-jest all see the same migrations, and adding one is a reviewed one-line change here.
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database';
import type { Schema } from './schema';
import * as m0001 from './migrations/0001_conversations';
import * as m0002 from './migrations/0002_outbox';
import * as m0003 from './migrations/0003_tickets';
import * as m0004 from './migrations/0004_accounts';
import * as m0005 from './migrations/0005_training';
import * as m0006 from './migrations/0006_channel_state';
import * as m0007 from './migrations/0007_handoff';
import * as m0008 from './migrations/0008_drop_processed_events';
import * as m0009 from './migrations/0009_surges';
import * as m0010 from './migrations/0010_reliability';
import * as m0011 from './migrations/0011_link_checks';
import * as m0012 from './migrations/0012_decision_dialog';
import * as m0013 from './migrations/0013_staff_workspace';
import * as m0014 from './migrations/0014_contacts_feedback';
import * as m0015 from './migrations/0015_surge_hourly_counts';
import * as m0016 from './migrations/0016_canned_responses';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_conversations': m0001,
  '0002_outbox': m0002,
  '0003_tickets': m0003,
  '0004_accounts': m0004,
  '0005_training': m0005,
  '0006_channel_state': m0006,
  '0007_handoff': m0007,
  '0008_drop_processed_events': m0008,
  '0009_surges': m0009,
  '0010_reliability': m0010,
  '0011_link_checks': m0011,
  '0012_decision_dialog': m0012,
  '0013_staff_workspace': m0013,
  '0014_contacts_feedback': m0014,
  '0015_surge_hourly_counts': m0015,
  '0016_canned_responses': m0016,
};

function migratorFor(target: Database | Kysely<Schema>): Migrator {
  const isDatabase = 'db' in target && 'kind' in target;
  const db = isDatabase ? target.db : target;
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    // With a per-schema search_path the bookkeeping tables must live in that schema too,
    // or Kysely would find another schema's kysely_migration table and skip our migrations.
    ...(isDatabase && target.schema ? { migrationTableSchema: target.schema } : {}),
  });
}

/** SQLSTATE 3F000: a schema named in the statement does not exist (any more). */
const SCHEMA_GONE = '3F000';
const CATALOGUE_TRIES = 3;

/** Brings the schema up to date. Throws, naming the failed migration, if one fails. */
export async function migrateToLatest(target: Database | Kysely<Schema>): Promise<string[]> {
  return applied(await startingAgainOnVanishedSchema(() => migratorFor(target).migrateToLatest()));
}

/**
 * Kysely's Migrator reads the whole catalogue (every schema's tables) to find its own table; a
 * schema another process drops meanwhile (test files share one database) fails that read with
 * 3F000. Nothing was migrated then, so the run starts again (at most three times).
 */
export async function startingAgainOnVanishedSchema(run: () => Promise<MigrationResultSet>): Promise<MigrationResultSet> {
  for (let tries = 1; ; tries++) {
    const result = await run();
    const code = (result.error as { code?: string } | undefined)?.code;
    if (code !== SCHEMA_GONE || (result.results?.length ?? 0) > 0 || tries >= CATALOGUE_TRIES) return result;
  }
}

/** Undoes the latest migration (for `sotong migrate down` and the migration tests). */
export async function migrateDown(target: Database | Kysely<Schema>): Promise<string[]> {
  return applied(await startingAgainOnVanishedSchema(() => migratorFor(target).migrateDown()));
}

function applied({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
