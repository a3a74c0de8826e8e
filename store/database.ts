// The one place that opens a database. No url: PGlite in-process with its files in `dataDir`
// (the single-machine default). A url: PostgreSQL through a pg Pool. Both speak the same SQL and
// run the same migrations, so nothing above this file knows which one it got.
import NodeModule from 'node:module';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';
import { PGliteDialect } from './pglite-driver';
import { makePrivateFolder } from './private-folder';
import type { Schema } from './schema';

export interface DatabaseConfig {
  /** postgres://… to use PostgreSQL; unset for embedded PGlite. */
  readonly url?: string;
  /** PGlite data folder (created if missing), or 'memory://' for a throwaway database. */
  readonly dataDir: string;
  /**
   * PostgreSQL schema to work in (created if missing; set as search_path on every connection).
   * Lets each test file own an isolated copy of the tables. Ignored by PGlite.
   */
  readonly schema?: string;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /**
   * Called when PostgreSQL drops an idle pooled connection (server restart, failover, an admin
   * terminating it). The pool discards that connection and opens a new one on next use; without
   * a listener, pg would raise the error as an uncaught 'error' event and kill the process.
   */
  readonly onConnectionError?: (error: Error) => void;
}

export interface Database {
  readonly db: Kysely<Schema>;
  readonly kind: 'pglite' | 'postgres';
  /** The schema the tables live in, when not the default one. */
  readonly schema?: string;
  close(): Promise<void>;
  ping(): Promise<boolean>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  const { db, kind } = config.url ? await openPostgres(config.url, config) : await openPGlite(config.dataDir);
  let closed: Promise<void> | undefined;
  return {
    db,
    kind,
    schema: config.url ? config.schema : undefined,
    close: () => (closed ??= db.destroy()),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
  };
}

async function openPGlite(dataDir: string): Promise<{ db: Kysely<Schema>; kind: 'pglite' }> {
  if (!dataDir.includes('://')) await makePrivateFolder(dataDir);
  const { PGlite } = loadPGlite();
  const client = new PGlite(dataDir);
  await client.waitReady;
  return { db: new Kysely<Schema>({ dialect: new PGliteDialect(client) }), kind: 'pglite' };
}

async function openPostgres(url: string, config: DatabaseConfig): Promise<{ db: Kysely<Schema>; kind: 'postgres' }> {
  const schema = config.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`createDatabase: schema "${schema}" must match ${SCHEMA_NAME} (lower-case letters, digits, _)`);
  }
  const pool = new Pool({
    connectionString: url,
    max: config.poolSize ?? 10,
    // search_path as a startup option applies to every pooled connection, new or reused.
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  pool.on('error', (error) => config.onConnectionError?.(error));
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    else await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw new Error(`createDatabase: cannot reach PostgreSQL at ${redactUrl(url)}`, { cause: error });
  }
  return { db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
}

type PGliteModule = typeof import('@electric-sql/pglite');
type NodeLoader = { _load?: (request: string, parent: object, isMain: boolean) => unknown; _nodeModulePaths?: (dir: string) => string[] };

/**
 * Loads PGlite through Node's own module loader. PGlite's CommonJS build calls import() inside,
 * which jest's sandboxed require refuses without --experimental-vm-modules (and jest replaces
 * createRequire too), so every suite using the embedded database would need that flag. Outside
 * jest this is exactly what require() does. Side effect under jest: PGlite's Date values come
 * from the outer realm, so store/pglite-driver.ts re-creates them.
 */
function loadPGlite(): PGliteModule {
  const loader = NodeModule as unknown as NodeLoader;
  if (!loader._load || !loader._nodeModulePaths) return require('@electric-sql/pglite') as PGliteModule;
  const parent = { id: __filename, filename: __filename, paths: loader._nodeModulePaths(__dirname) };
  return loader._load('@electric-sql/pglite', parent, false) as PGliteModule;
}

/** Hides the password of a connection string in error messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable url)';
  }
}
