// A template for new embedded databases, as PostgreSQL's CREATE DATABASE … TEMPLATE: once set,
// a database that does not exist yet (memory://, or a data folder with no database in it) starts
// as a copy of it instead of running initdb (seconds each, tens of seconds on a loaded 2-core box).
// A folder that already holds a database is opened as it is. The test run dumps what initdb makes
// once (store/pglite-dump.ts) and sets it here in every test file, so a suite's opens cost a copy;
// callers migrate the copy as they would a new database. Production sets none. No imports:
// setting it is cheap.

let template: Uint8Array | undefined;

/** New databases start as `dump` (a tar of a data folder); undefined goes back to initdb. */
export function startNewDatabasesFrom(dump: Uint8Array | undefined): void {
  template = dump;
}

/** The dump new databases start as, if one was set. */
export function newDatabaseTemplate(): Uint8Array | undefined {
  return template;
}
