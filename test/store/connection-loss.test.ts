// PostgreSQL drops a pooled connection (restart, failover, an admin terminating it): the process
// must not die of an unhandled 'error' event, the owner hears about it, and the next query works.
import { Client } from 'pg';
import { sql } from 'kysely';
import { createDatabase, type Database } from '../../store/database';
import { describeWithServers, eventually, TEST_DATABASE_URL } from '../support/backends';

describeWithServers({ postgres: true }, 'a dropped PostgreSQL connection', () => {
  let database: Database;
  const errors: Error[] = [];

  beforeAll(async () => {
    database = await createDatabase({ url: TEST_DATABASE_URL!, dataDir: '', poolSize: 1, onConnectionError: (error) => errors.push(error) });
  });

  afterAll(() => database?.close());

  test('is reported to onConnectionError, and the next query opens a new one', async () => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    const pid = rows[0]!.pid;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const terminated = await admin.query('select pg_terminate_backend($1) as ok', [pid]);
      expect(terminated.rows[0].ok).toBe(true);
    } finally {
      await admin.end();
    }
    const error = await eventually(async () => errors[0], 5_000, 'the pool to report the dropped connection');
    expect((error as Error & { code?: string }).code).toBe('57P01'); // admin_shutdown: terminated by an administrator
    const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    expect(again.rows[0]!.pid).not.toBe(pid);
  });
});
