// The API thread's side of the embedded database: starts the worker thread that owns PGlite
// (pglite-worker.ts), sends it statements and matches the answers to them. Errors come back with
// their PostgreSQL fields (code '23505' stays '23505'). If the thread dies, every waiting and
// later statement fails with a connection-class error (SQLSTATE 57P02, so the pipeline retries
// the work instead of dead-lettering it) and onLost is told once: the process cannot serve
// without its database and should stop; nothing already committed is lost.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  POSTGRES_ERROR_FIELDS,
  type FromWorker,
  type PGliteArtifacts,
  type PGliteWorkerData,
  type PostgresErrorFields,
  type SerializedError,
  type ToWorker,
} from './pglite-worker-messages';

// Built: the compiled worker beside this file. From the sources: a shim that registers tsx first.
const WORKER_ENTRY = path.join(__dirname, __filename.endsWith('.ts') ? 'pglite-worker.dev.js' : 'pglite-worker.js');

let artifacts: Promise<PGliteArtifacts> | undefined;

/**
 * PGlite's WebAssembly compiled once for the process: left to itself, each worker would read and
 * compile 9 MB of it again (seconds on a loaded machine, for every database a test suite opens).
 */
function loadArtifacts(): Promise<PGliteArtifacts> {
  const dist = path.dirname(require.resolve('@electric-sql/pglite'));
  const compile = async (file: string) => WebAssembly.compile(await readFile(path.join(dist, file)));
  artifacts ??= Promise.all([compile('pglite.wasm'), compile('initdb.wasm'), readFile(path.join(dist, 'pglite.data'))]).then(
    ([pgliteWasmModule, initdbWasmModule, fsBundle]) => ({ pgliteWasmModule, initdbWasmModule, fsBundle }),
  );
  return artifacts;
}

/** An error PGlite raised in the worker, rebuilt with its PostgreSQL fields. */
export class EmbeddedDatabaseError extends Error implements PostgresErrorFields {
  override name = 'EmbeddedDatabaseError';
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;

  constructor(serialized: SerializedError, options?: ErrorOptions) {
    super(serialized.message, options);
    for (const field of POSTGRES_ERROR_FIELDS) if (serialized[field] !== undefined) this[field] = serialized[field];
  }
}

/** SQLSTATE crash_shutdown: what PostgreSQL says to a session whose server process crashed. */
export const DATABASE_LOST_CODE = '57P02';

export interface WorkerQueryResult {
  readonly rows: unknown[];
  readonly affectedRows?: number;
  readonly command?: string;
}

export interface PGliteWorkerOptions {
  /** Called once if the worker thread dies while open (not after close()). */
  readonly onLost?: (error: Error) => void;
  /** A new database starts as this dump (see dump()) instead of running initdb; it must not already exist. */
  readonly startFrom?: Uint8Array;
}

type Answer = Extract<FromWorker, { type: 'result' | 'dumped' }>;

interface Pending {
  resolve(answer: Answer): void;
  reject(error: Error): void;
}

export class PGliteWorkerClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lost: EmbeddedDatabaseError | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    private readonly options: PGliteWorkerOptions,
  ) {
    // An idle worker must not keep the process alive (the in-process PGlite never did); a query
    // waiting for its answer must.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.settle(message));
    let failure: Error | undefined;
    worker.on('error', (error) => (failure = error));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.onExit(code, failure);
        resolve();
      }),
    );
  }

  /** Starts the worker and resolves once PGlite is open in it; rejects with PGlite's own error if it cannot open. */
  static async start(dataDir: string, options: PGliteWorkerOptions = {}): Promise<PGliteWorkerClient> {
    const workerData: PGliteWorkerData = { dataDir, artifacts: await loadArtifacts(), startFrom: options.startFrom };
    const worker = new Worker(WORKER_ENTRY, { workerData });
    return new Promise((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`the embedded database's worker exited with code ${code} while opening ${dataDir}`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: FromWorker) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        if (message.type === 'ready') return resolve(new PGliteWorkerClient(worker, options));
        reject(
          message.type === 'open-failed' ? new EmbeddedDatabaseError(message.error) : new Error(`unexpected first message from the worker: ${message.type}`),
        );
      });
    });
  }

  get closed(): boolean {
    return this.closing || this.lost !== undefined;
  }

  async query(sql: string, params: readonly unknown[]): Promise<WorkerQueryResult> {
    return (await this.ask((id) => ({ type: 'query', id, sql, params }))) as WorkerQueryResult;
  }

  /** The whole data folder as a tar, after what was sent before: a database that start() can begin from. */
  async dump(): Promise<Uint8Array> {
    return ((await this.ask((id) => ({ type: 'dump', id }))) as Extract<Answer, { type: 'dumped' }>).tar;
  }

  private ask(message: (id: number) => ToWorker): Promise<Answer> {
    if (this.lost) return Promise.reject(this.lost);
    if (this.closing) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Throws synchronously when a parameter cannot be cloned; the promise then rejects with it.
      this.send(message(id));
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  /** Runs what was sent before, closes PGlite and waits for the thread to exit. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closing = true;
      this.worker.ref();
      this.send({ type: 'close' });
    }
    await this.exited;
  }

  /** Ends the thread at once, without closing PGlite: what a crash looks like to this side (fault tests). */
  async kill(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private settle(message: FromWorker): void {
    if (message.type !== 'result' && message.type !== 'dumped' && message.type !== 'error') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0 && !this.closing) this.worker.unref();
    if (message.type === 'error') pending.reject(new EmbeddedDatabaseError(message.error));
    else pending.resolve(message);
  }

  private onExit(code: number, failure: Error | undefined): void {
    if (this.closing && code === 0 && this.pending.size === 0) return;
    const why = failure ? `: ${failure.message}` : '';
    this.lost = new EmbeddedDatabaseError(
      { message: `the embedded database's worker thread exited (code ${code})${why}`, code: DATABASE_LOST_CODE, severity: 'FATAL' },
      { cause: failure },
    );
    for (const pending of this.pending.values()) pending.reject(this.lost);
    this.pending.clear();
    if (!this.closing) this.options.onLost?.(this.lost);
  }
}
