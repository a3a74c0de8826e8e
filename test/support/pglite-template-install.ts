// jest setupFiles: sets the run's template (pglite-template-setup.ts) in each test file, so every
// new PGlite database the file opens (memory:// or a new folder), directly or through compose,
// starts as a copy of initdb's output instead of running initdb. Child processes (`sotong serve`
// in the CLI suites) still run initdb.
import { readFileSync } from 'node:fs';
import { startNewDatabasesFrom } from '../../store/pglite-template';

export const PGLITE_TEMPLATE_ENV = 'SOTONG_TEST_PGLITE_TEMPLATE';

const file = process.env[PGLITE_TEMPLATE_ENV];
if (file) startNewDatabasesFrom(readFileSync(file));
