// The engines our suites run on: every store/pipeline suite on PGlite AND PostgreSQL, every job
// suite on the in-process driver AND BullMQ. A server that is not configured is skipped loudly,
// and under CI=true it fails the run instead (scripts/test.js sets the urls when reachable).
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { createBullmqJobQueue, type BullmqOptions } from '../../jobs/bullmq-driver';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import type { JobQueue } from '../../jobs/types';
import { createDatabase, type Database } from '../../store/database';
import { migrateToLatest } from '../../store/migrate';

/** Opening a database: PGlite's worker and initdb take tens of seconds on a loaded 2-core box. */
export const OPEN_TIMEOUT_MS = 120_000;

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

export const uniqueName = (stem: string): string => `${stem}_${randomBytes(5).toString('hex')}`;

/** describe() when the server is configured; otherwise a loud skip (or a failure under CI). */
function describeIfConfigured(configured: boolean, what: string, title: string, body: () => void): void {
  if (configured) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      test(`${what} must be configured under CI`, () => {
        throw new Error(`${what} is not configured (CI=true refuses to skip ${title})`);
      });
    });
  } else {
    console.warn(`!!! SKIPPED "${title}": ${what} is not set. Run with it to test this engine. !!!`);
    describe.skip(title, body);
  }
}

/** describe() for a suite that needs real servers: skipped loudly without them, failed under CI. */
export function describeWithServers(needs: { readonly postgres?: boolean; readonly redis?: boolean }, title: string, body: () => void): void {
  const missing = [needs.postgres && !TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : '', needs.redis && !TEST_REDIS_URL ? 'TEST_REDIS_URL' : ''].filter(Boolean);
  describeIfConfigured(missing.length === 0, missing.join(' and '), title, body);
}

export interface DatabaseBackend {
  readonly kind: Database['kind'];
  /** A fresh, migrated database of its own: a new PGlite in memory, or a new PostgreSQL schema. */
  open(): Promise<Database>;
  /** Closes it and, on PostgreSQL, drops its schema. */
  dispose(database: Database): Promise<void>;
}

export const PGLITE: DatabaseBackend = {
  kind: 'pglite',
  async open() {
    const database = await createDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database);
    return database;
  },
  dispose: (database) => database.close(),
};

export const POSTGRES: DatabaseBackend = {
  kind: 'postgres',
  async open() {
    const database = await createDatabase({
      url: TEST_DATABASE_URL!,
      dataDir: '',
      schema: uniqueName('t'),
      poolSize: 4,
    });
    await migrateToLatest(database);
    return database;
  },
  async dispose(database) {
    await sql`drop schema if exists ${sql.id(database.schema!)} cascade`.execute(database.db);
    await database.close();
  },
};

/**
 * Runs `body` once per database engine. `current()` returns the database of the engine being
 * tested, opened and migrated before the suite and disposed after it.
 */
export function describeEachDatabase(title: string, body: (current: () => Database, kind: Database['kind']) => void) {
  for (const backend of [PGLITE, POSTGRES]) {
    const configured = backend.kind === 'pglite' || Boolean(TEST_DATABASE_URL);
    describeIfConfigured(configured, 'TEST_DATABASE_URL', `${title} [${backend.kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await backend.open();
      }, OPEN_TIMEOUT_MS);
      afterAll(async () => {
        if (database) await backend.dispose(database);
      });
      body(() => {
        if (!database) throw new Error('database not opened yet: call current() inside a test or hook');
        return database;
      }, backend.kind);
    });
  }
}

/**
 * Runs `body` once per database engine, for suites that build the system through compose: it
 * gets the engine's kind, and `databaseEnv` (below) turns that into the configuration.
 */
export function describeEachDatabaseKind(title: string, body: (kind: Database['kind']) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const configured = kind === 'pglite' || Boolean(TEST_DATABASE_URL);
    describeIfConfigured(configured, 'TEST_DATABASE_URL', `${title} [${kind}]`, () => body(kind));
  }
}

/** Configuration of a fresh database on this engine: PGlite in memory, or a PostgreSQL schema of its own. */
export function databaseEnv(kind: Database['kind']): Record<string, string> {
  return kind === 'pglite'
    ? { SOTONG_DATA_DIR: 'memory://' }
    : { SOTONG_DATA_DIR: 'memory://', DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: uniqueName('t') };
}

/** Drops the PostgreSQL schema a closed database lived in (nothing to do on PGlite). */
export async function dropSchemaOf(database: Pick<Database, 'kind' | 'schema'>, url = TEST_DATABASE_URL!): Promise<void> {
  if (database.kind !== 'postgres' || !database.schema) return;
  const admin = await createDatabase({ url, dataDir: '', poolSize: 1 });
  try {
    await sql`drop schema if exists ${sql.id(database.schema)} cascade`.execute(admin.db);
  } finally {
    await admin.close();
  }
}

export interface JobBackend {
  readonly driver: JobQueue['driver'];
  /** A fresh queue: in memory, or BullMQ under a prefix of its own. */
  open(options?: Partial<Omit<BullmqOptions, 'redisUrl'>>): JobQueue;
}

/** Fast stall detection so crash tests do not wait 30 s for a dead worker's lock to expire. */
export const FAST_STALL = { stalledIntervalMs: 500, lockDurationMs: 1000 } as const;

export const IN_PROCESS: JobBackend = {
  driver: 'in-process',
  open: (options) => createInProcessJobQueue({ onFailed: options?.onFailed ?? (() => undefined) }),
};

const usedPrefixes = new Set<string>();

export const BULLMQ: JobBackend = {
  driver: 'bullmq',
  open: (options) => {
    const prefix = options?.prefix ?? uniqueName('sotong-test');
    usedPrefixes.add(prefix);
    return createBullmqJobQueue({ redisUrl: TEST_REDIS_URL!, onFailed: () => undefined, ...FAST_STALL, ...options, prefix });
  },
};

/** Configuration of a fresh job queue on this driver: in-process, or BullMQ under a prefix of its own. */
export function jobQueueEnv(driver: JobQueue['driver']): Record<string, string> {
  if (driver === 'in-process') return {};
  const prefix = uniqueName('sotong-test');
  usedPrefixes.add(prefix);
  return { REDIS_URL: TEST_REDIS_URL!, REDIS_PREFIX: prefix };
}

/**
 * Configuration of the job driver to pair with this engine, as production pairs them: BullMQ under
 * a prefix of its own on PostgreSQL (when Redis is configured), in-process on PGlite.
 */
export function jobsEnv(kind: Database['kind']): Record<string, string> {
  return kind === 'postgres' && TEST_REDIS_URL ? jobQueueEnv('bullmq') : {};
}

/** Deletes every Redis key under the prefixes this test file used. */
export async function removeTestQueues(): Promise<void> {
  if (!TEST_REDIS_URL || usedPrefixes.size === 0) return;
  const redis = new Redis(TEST_REDIS_URL);
  try {
    for (const prefix of usedPrefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    usedPrefixes.clear();
  } finally {
    redis.disconnect();
  }
}

/** Runs `body` once per job driver. */
export function describeEachJobDriver(title: string, body: (backend: JobBackend) => void) {
  for (const backend of [IN_PROCESS, BULLMQ]) {
    const configured = backend.driver === 'in-process' || Boolean(TEST_REDIS_URL);
    describeIfConfigured(configured, 'TEST_REDIS_URL', `${title} [${backend.driver}]`, () => {
      afterAll(removeTestQueues);
      body(backend);
    });
  }
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
