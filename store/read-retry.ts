// A read that fails because PostgreSQL dropped its connection (a restart, a failover, an admin
// ending the session) is run once more on a fresh connection. Only a SELECT built with Kysely,
// outside a transaction, is retried: it changes nothing, so running it twice is harmless. A write,
// or anything inside a transaction, fails as before, and the job that ran it is retried instead
// (its steps are idempotent).
import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import { isConnectionError } from './connection-errors';

/** The same dialect, with reads retried once on a fresh connection after a dropped one. */
export function retryReadsOnFreshConnection(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new ReadRetryDriver(dialect.createDriver()),
  };
}

const isRead = (query: CompiledQuery) => query.query.kind === 'SelectQueryNode';

class RetryingConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: Driver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      if (this.inTransaction || !isRead(query) || !isConnectionError(error)) throw error;
      // This connection is gone (the pool drops it when it is released); the read goes to a new one.
      const fresh = await this.driver.acquireConnection();
      try {
        return await fresh.executeQuery<R>(query);
      } finally {
        await this.driver.releaseConnection(fresh);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class ReadRetryDriver implements Driver {
  constructor(private readonly driver: Driver) {}

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RetryingConnection(await this.driver.acquireConnection(), this.driver);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.driver.releaseConnection(unwrap(connection));
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Marked before BEGIN is sent: a BEGIN that fails must not let the next statement be retried alone.
    (connection as RetryingConnection).inTransaction = true;
    await this.driver.beginTransaction(unwrap(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.driver.commitTransaction(unwrap(connection));
    } finally {
      (connection as RetryingConnection).inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.driver.rollbackTransaction(unwrap(connection));
    } finally {
      (connection as RetryingConnection).inTransaction = false;
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.driver.savepoint!(unwrap(connection), name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.driver.rollbackToSavepoint!(unwrap(connection), name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    return this.driver.releaseSavepoint!(unwrap(connection), name, compile);
  }
}

const unwrap = (connection: DatabaseConnection): DatabaseConnection => (connection instanceof RetryingConnection ? connection.inner : connection);
