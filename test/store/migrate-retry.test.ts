// Kysely's Migrator reads every schema's tables to find its own; a schema another process drops
// meanwhile (test files share one database) fails that read with 3F000 before anything is
// migrated. The run starts again, a bounded number of times; any other failure is final.
import type { MigrationResultSet } from 'kysely';
import { startingAgainOnVanishedSchema } from '../../store/migrate';

const vanished: MigrationResultSet = { error: Object.assign(new Error('schema "t_gone" does not exist'), { code: '3F000' }) };
const done: MigrationResultSet = { results: [{ migrationName: '0001_conversations', direction: 'Up', status: 'Success' }] };

/** A migrator whose runs answer `answers` in turn. */
function runs(...answers: MigrationResultSet[]) {
  let calls = 0;
  return { run: async () => answers[Math.min(calls++, answers.length - 1)]!, calls: () => calls };
}

describe('startingAgainOnVanishedSchema', () => {
  test('starts again when a schema vanished under the catalogue read', async () => {
    const migrator = runs(vanished, vanished, done);
    expect(await startingAgainOnVanishedSchema(migrator.run)).toBe(done);
    expect(migrator.calls()).toBe(3);
  });

  test('gives up after three runs, with the error', async () => {
    const migrator = runs(vanished);
    expect(await startingAgainOnVanishedSchema(migrator.run)).toBe(vanished);
    expect(migrator.calls()).toBe(3);
  });

  test('a failure inside a migration, or of another kind, is final at once', async () => {
    const inMigration: MigrationResultSet = { ...vanished, results: [{ migrationName: '0002_outbox', direction: 'Up', status: 'Error' }] };
    const other: MigrationResultSet = { error: Object.assign(new Error('syntax error'), { code: '42601' }) };
    for (const answer of [inMigration, other]) {
      const migrator = runs(answer, done);
      expect(await startingAgainOnVanishedSchema(migrator.run)).toBe(answer);
      expect(migrator.calls()).toBe(1);
    }
  });
});
