// The embedded database's worker when running from the TypeScript sources (jest, benches under
// tsx): a worker thread does not inherit its parent's require hooks, so it registers tsx itself
// before loading the TypeScript. The build (dist/) runs the compiled pglite-worker.js instead.
require('tsx/cjs');
require('./pglite-worker.ts');
