// A template for throwaway (memory://) embedded databases, as PostgreSQL's CREATE DATABASE …
// TEMPLATE: once set, every new memory:// database starts as a copy of it instead of running
// initdb (seconds each, tens of seconds on a loaded 2-core box). The test run dumps one migrated
// database (store/pglite-dump.ts) and sets it here in every test file, so a suite's opens cost a
// copy. Production sets none. Callers migrate after opening as always, so a template behind the
// migrations is brought up to date like any other database. No imports: setting it is cheap.

let template: Uint8Array | undefined;

/** New memory:// databases start as `dump` (a tar of a data folder); undefined goes back to initdb. */
export function startMemoryDatabasesFrom(dump: Uint8Array | undefined): void {
  template = dump;
}

/** The dump new memory:// databases start as, if one was set. */
export function memoryDatabaseTemplate(): Uint8Array | undefined {
  return template;
}
