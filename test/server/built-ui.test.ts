// Every role that serves HTTP serves the same built UI: the server started through compose (here
// via startServer) on a fresh data folder answers the console, studio and dashboard pages with
// their built scripts and stylesheets. `--role api` used to serve the pages without them.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { silentLogger } from '../../core/logger';
import { startServer, type RunningServer } from '../../server/main';
import { createFreshDatabase, type FreshDatabase } from '../handoff/server-support';
import { describeWithServers, TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/backends';
import { expectStaffUiServed } from '../support/built-ui';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureBuilt } = require('../../scripts/build.js') as { ensureBuilt: () => Promise<boolean> };
// The api role needs a queue; its jobs (none here) stay in a Redis database of their own.
const REDIS_DB = 12;

beforeAll(() => ensureBuilt(), 120_000);

async function serveRole(role: 'all' | 'api', env: Record<string, string>): Promise<{ server: RunningServer; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `sotong-ui-${role}-`));
  const config = loadConfig({ PORT: '0', SOTONG_DATA_DIR: dataDir, SOTONG_ADMIN_PASSWORD: 'built ui password 1', LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, { role, logger: silentLogger, print: () => undefined });
  return { server, dataDir };
}

describe('role all on a fresh PGlite folder', () => {
  let running: { server: RunningServer; dataDir: string } | undefined;
  afterAll(async () => {
    await running?.server.stop('test over');
    if (running) await rm(running.dataDir, { recursive: true, force: true });
  });

  test('serves the built console, studio and dashboard', async () => {
    running = await serveRole('all', {});
    await expectStaffUiServed(running.server.url!);
  }, 300_000);
});

describeWithServers({ postgres: true, redis: true }, 'role api on PostgreSQL + Redis', () => {
  let fresh: FreshDatabase | undefined;
  let running: { server: RunningServer; dataDir: string } | undefined;
  afterAll(async () => {
    await running?.server.stop('test over');
    await fresh?.drop();
    if (running) await rm(running.dataDir, { recursive: true, force: true });
  });

  test('serves the same built UI without a worker', async () => {
    fresh = await createFreshDatabase(TEST_DATABASE_URL!);
    const redis = new URL(TEST_REDIS_URL!);
    redis.pathname = `/${REDIS_DB}`;
    running = await serveRole('api', { DATABASE_URL: fresh.url, REDIS_URL: redis.toString(), SOTONG_SECRET: 'built-ui-secret-built-ui-secret-1234' });
    await expectStaffUiServed(running.server.url!);
  }, 300_000);
});
