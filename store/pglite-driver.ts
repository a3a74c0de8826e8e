// Kysely 0.28 has no PGlite dialect, so this is one: the PostgreSQL adapter, compiler and
// introspector over the single PGlite session that the embedded database's worker thread owns
// (pglite-worker-client.ts). The worker runs statements in the order they are sent, so what must
// not interleave is the *sending*: a FIFO lock hands the session to one sender at a time. A
// transaction holds it from BEGIN to COMMIT, so no other statement can slip in between; a lone
// statement holds it only while it is posted, so statements from concurrent requests queue up in
// the worker back to back instead of each waiting for the API thread to send the next.
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
import type { PGliteWorkerClient } from './pglite-worker-client';

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

/** Rows arrive by structured clone, made in Node's own realm: under jest that is not the test's, so Dates are re-created. */
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
  /** Set while this connection holds the session (an open transaction). */
  held: (() => void) | undefined;

  constructor(
    private readonly client: PGliteWorkerClient,
    private readonly mutex: Mutex,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const params = query.parameters.map(portableParameter);
    let answer;
    if (this.held) {
      answer = this.client.query(query.sql, params);
    } else {
      const release = await this.mutex.acquire();
      try {
        answer = this.client.query(query.sql, params);
      } finally {
        release();
      }
    }
    const result = await answer;
    const changed = result.affectedRows;
    return {
      rows: (result.rows as R[]).map(ownRealmDates),
      // PGlite reports affectedRows for every statement; Kysely expects it only for writes.
      numAffectedRows: changed !== undefined && result.command !== 'SELECT' ? BigInt(changed) : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite driver: streaming queries are not supported; use execute()');
  }

  /** Runs the statement that ends the transaction, then gives the session back whatever it answered. */
  async end(statement: string): Promise<void> {
    try {
      await this.executeQuery(CompiledQuery.raw(statement));
    } finally {
      const release = this.held;
      this.held = undefined;
      release?.();
    }
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();

  constructor(private readonly client: PGliteWorkerClient) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new PGliteConnection(this.client, this.mutex);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    const own = connection as PGliteConnection;
    own.held = await this.mutex.acquire();
    try {
      await own.executeQuery(CompiledQuery.raw(`begin${level}${mode}`));
    } catch (error) {
      // Kysely does not roll back a transaction whose BEGIN failed: give the session back here.
      await own.end('rollback').catch(() => undefined);
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).end('rollback');
  }

  // Kysely always commits or rolls back a transaction before releasing, which gives the session back.
  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    const release = await this.mutex.acquire();
    try {
      await this.client.close();
    } finally {
      release();
    }
  }
}

export class PGliteDialect implements Dialect {
  constructor(private readonly client: PGliteWorkerClient) {}

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
