// What the API thread and the embedded database's worker thread (pglite-worker.ts) say to each
// other. Everything crosses by structured clone, so only plain data: rows, parameters and the
// PostgreSQL fields of an error, never an Error or a class instance.

/** The fields of a PostgreSQL error that code above the store reads (code first) or logs. */
export const POSTGRES_ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;

export type PostgresErrorFields = Partial<Record<(typeof POSTGRES_ERROR_FIELDS)[number], string>>;

export interface SerializedError extends PostgresErrorFields {
  readonly message: string;
}

export type ToWorker =
  | { readonly type: 'query'; readonly id: number; readonly sql: string; readonly params: readonly unknown[] }
  | { readonly type: 'dump'; readonly id: number }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'open-failed'; readonly error: SerializedError }
  | { readonly type: 'result'; readonly id: number; readonly rows: unknown[]; readonly affectedRows?: number; readonly command?: string }
  | { readonly type: 'dumped'; readonly id: number; readonly tar: Uint8Array }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/** What the worker thread is started with. */
export interface PGliteWorkerData {
  /** PGlite's data folder, or 'memory://'. */
  readonly dataDir: string;
  /** PGlite's WebAssembly, compiled once per process and shared by every worker it starts. */
  readonly artifacts: PGliteArtifacts;
  /** A data folder dumped as a tar (PGlite's dumpDataDir) that a new database starts as, instead of running initdb. */
  readonly startFrom?: Uint8Array;
}

export interface PGliteArtifacts {
  readonly pgliteWasmModule: WebAssembly.Module;
  readonly initdbWasmModule: WebAssembly.Module;
  /** The file-system image PGlite unpacks at start (pglite.data). */
  readonly fsBundle: Uint8Array;
}

/** Copies an error's message and PostgreSQL fields, dropping the rest (PGlite adds the query's parameters: citizen text). */
export function serializeError(error: unknown): SerializedError {
  const source = (error ?? {}) as Record<string, unknown>;
  const serialized: Record<string, string> = { message: typeof source.message === 'string' ? source.message : String(error) };
  for (const field of POSTGRES_ERROR_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') serialized[field] = value;
  }
  return serialized as unknown as SerializedError;
}
