// The embedded database's worker when running from the TypeScript sources (jest, benches under
// tsx): a worker thread does not inherit its parent's require hooks, so it registers tsx itself
// before loading the TypeScript. PGlite is loaded first, plainly: through tsx's hooks its 1 MB
// bundle takes seconds to load instead of a tenth of one, in every worker. The build (dist/) runs
// the compiled pglite-worker.js instead.
require('@electric-sql/pglite');
require('tsx/cjs');
require('./pglite-worker.ts');
