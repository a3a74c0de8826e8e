// Kysely 0.28 has no PGlite dialect, so this is one: the PostgreSQL adapter, compiler and
// introspector over a single in-process PGlite instance. PGlite has exactly one session, so a
// mutex hands the "connection" to one caller at a time: a transaction holds it from BEGIN to
// COMMIT and no other query can slip in between.
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** A FIFO lock: `acquire()` resolves with the function that releases it. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

const isForeignDate = (value: unknown): value is { getTime(): number } => Object.prototype.toString.call(value) === '[object Date]' && !(value instanceof Date);

/** See loadPGlite in store/database.ts: under jest, PGlite lives in another realm. */
function ownRealmDates<R>(row: R): R {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (isForeignDate(value)) record[key] = new Date(value.getTime());
  }
  return row;
}

/** Dates go in as ISO text: PGlite's serializer checks `instanceof Date` in its own realm. */
const portableParameter = (value: unknown): unknown => (Object.prototype.toString.call(value) === '[object Date]' ? (value as Date).toISOString() : value);

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.query<R>(query.sql, query.parameters.map(portableParameter));
    const changed = result.affectedRows;
    return {
      rows: result.rows.map(ownRealmDates),
      // PGlite reports affectedRows for every statement; Kysely expects it only for writes.
      numAffectedRows: changed !== undefined && result.command !== 'SELECT' ? BigInt(changed) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite driver: streaming queries are not supported; use execute()');
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;
  // Only one caller holds the connection at a time, so one pending release is enough.
  private release: (() => void) | undefined;

  constructor(private readonly client: PGlite) {
    this.connection = new PGliteConnection(client);
  }

  async init(): Promise<void> {
    await this.client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.release = await this.mutex.acquire();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${level}${mode}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      if (!this.client.closed) await this.client.close();
    } finally {
      release();
    }
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
