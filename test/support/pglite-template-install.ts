// jest setupFiles: sets the run's template (pglite-template-setup.ts) in each test file, so every
// memory:// PGlite the file opens, directly or through compose, starts as a copy of a migrated
// database instead of running initdb and the migrations.
import { readFileSync } from 'node:fs';
import { startMemoryDatabasesFrom } from '../../store/pglite-template';

export const PGLITE_TEMPLATE_ENV = 'SOTONG_TEST_PGLITE_TEMPLATE';

const file = process.env[PGLITE_TEMPLATE_ENV];
if (file) startMemoryDatabasesFrom(readFileSync(file));
