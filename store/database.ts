// The one place that opens a database. No url: PGlite, in a worker thread of this process, with its files in `dataDir`
// (the single-machine default). A url: PostgreSQL through a pg Pool. Both speak the same SQL and
// run the same migrations, so nothing above this file knows which one it got.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, type PoolClient } from 'pg';
import { lockDataDir } from './data-dir-lock';
import { PGliteDialect } from './pglite-driver';
import { PGliteWorkerClient } from './pglite-worker-client';
import { newDatabaseTemplate } from './pglite-template';
import { retryReadsOnFreshConnection } from './read-retry';
import { makePrivateFolder } from './private-folder';
import { createStatementNames } from './prepared-statements';
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
   * Called when PostgreSQL drops a connection (server restart, failover, an admin terminating
   * it), whether it sat idle in the pool or was checked out by a query. The pool discards that
   * connection and opens a new one on next use; without a listener, pg would raise the error as
   * an uncaught 'error' event and kill the process.
   */
  readonly onConnectionError?: (error: Error) => void;
  /**
   * Called once if the embedded database's worker thread dies (PGlite runs in a worker thread of
   * its own, off the HTTP thread). Every query fails from then on with a connection-class error,
   * so the process should stop and be restarted. Ignored for PostgreSQL.
   */
  readonly onLost?: (error: Error) => void;
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
  const { db, kind, release } = config.url ? await openPostgres(config.url, config) : await openPGlite(config);
  let closed: Promise<void> | undefined;
  return {
    db,
    kind,
    schema: config.url ? config.schema : undefined,
    close: () => (closed ??= db.destroy().finally(() => release?.())),
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

interface Opened {
  readonly db: Kysely<Schema>;
  readonly kind: Database['kind'];
  /** Gives up what the database holds beyond Kysely's connections (PGlite's thread, the data folder's lock). */
  readonly release?: () => Promise<void>;
}

async function openPGlite(config: DatabaseConfig): Promise<Opened> {
  const { dataDir } = config;
  const inMemory = dataDir.includes('://');
  if (!inMemory) await makePrivateFolder(dataDir);
  // Every opener (serve, migrate, the other CLI commands) takes the folder's lock first.
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  try {
    // A database not made yet starts as the template when one is set (store/pglite-template.ts).
    const isNew = inMemory || !existsSync(path.join(dataDir, 'PG_VERSION'));
    const startFrom = isNew ? newDatabaseTemplate() : undefined;
    const client = await PGliteWorkerClient.start(dataDir, { onLost: config.onLost, startFrom });
    // Kysely's destroy() closes the driver only if a query ran; the thread must end either way.
    const release = () => client.close().finally(() => lock?.release());
    return { db: new Kysely<Schema>({ dialect: new PGliteDialect(client) }), kind: 'pglite', release };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Connecting sends nothing, so a refused or reset connect is always safe to try again. */
const CONNECT_RETRIES = [100, 300, 1000, 2000] as const;

async function connectWithRetry(pool: Pool): Promise<PoolClient> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await pool.connect();
    } catch (error) {
      const wait = CONNECT_RETRIES[attempt];
      if (wait === undefined || pool.ending) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function openPostgres(url: string, config: DatabaseConfig): Promise<Opened> {
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
  const onError = (error: Error) => config.onConnectionError?.(error);
  // 'error' on the pool covers idle connections only. A connection checked out by a query whose
  // server goes away emits 'error' on the client itself, so every client gets a listener too.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    else await pool.query('select 1');
  } catch (error) {
    await pool.end();
    throw new Error(`createDatabase: cannot reach PostgreSQL at ${redactUrl(url)}`, { cause: error });
  }
  // Kysely needs only connect() and end(); a connect that fails (server restarting) is retried,
  // and so is a read whose connection dropped under it (store/read-retry.ts). Repeated statements
  // are prepared on each connection (store/prepared-statements.ts).
  const statements = createStatementNames();
  const retrying = { connect: async () => statements.prepareOn(await connectWithRetry(pool)), end: () => pool.end() } as unknown as Pool;
  return { db: new Kysely<Schema>({ dialect: retryReadsOnFreshConnection(new PostgresDialect({ pool: retrying })) }), kind: 'postgres' };
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
