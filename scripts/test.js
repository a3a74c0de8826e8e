#!/usr/bin/env node
// `npm test`: runs the whole suite, with the coverage threshold. Suites that need PostgreSQL or Redis read TEST_DATABASE_URL /
// TEST_REDIS_URL; when a server is unreachable they are skipped and we say so loudly. Under CI=true
// nothing may be skipped, so an unreachable server fails the run.
const net = require('node:net');
const { spawnSync } = require('node:child_process');

const PG_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

function reachable(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(1500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

(async () => {
  const env = { ...process.env };
  const missing = [];
  if (await reachable(PG_URL)) env.TEST_DATABASE_URL = PG_URL;
  else missing.push(`PostgreSQL (${PG_URL})`);
  if (await reachable(REDIS_URL)) env.TEST_REDIS_URL = REDIS_URL;
  else missing.push(`Redis (${REDIS_URL})`);

  if (missing.length > 0) {
    const line = '!'.repeat(78);
    console.error(`${line}\n! Not reachable: ${missing.join(', ')}.`);
    if (process.env.CI === 'true') {
      console.error(`! CI=true: refusing to skip the server suites.\n${line}`);
      process.exit(1);
    }
    console.error(`! The suites that need them are SKIPPED; only the embedded setup is tested.\n${line}`);
  }
  // A full run measures coverage and enforces jest.config.js's threshold; a run of some paths
  // (`npm test -- test/server`) does not, since a part of the suite covers only part of the code.
  const args = process.argv.slice(2);
  const full = !args.some((arg) => !arg.startsWith('-'));
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...(full && !args.includes('--coverage') ? ['--coverage'] : []), ...args], {
    stdio: 'inherit',
    env,
  });
  process.exit(r.status ?? 1);
})();
