// A worker process for the crash tests (run with `node --import tsx`): the system compose builds
// for the `worker` role over the test's PostgreSQL schema and BullMQ prefix. When CRASH_AT names
// a checkpoint, it kills itself there with SIGKILL: no cleanup, no lock release, like a machine
// losing power mid-job.
// Env: DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_PREFIX, SENT_LOG (file the fake channel
// appends one line per delivered reply to), CRASH_AT (optional checkpoint), SEND_LEASE_MS.
import { appendFileSync } from 'node:fs';
import { redactPii } from '../../bot/pii';
import { createLogger } from '../../core/logger';
import type { ChannelSender } from '../../pipeline/channel';
import type { Checkpoint } from '../../pipeline/deps';
import { compose } from '../../server/compose';
import { tableTriage } from './pipeline-fixtures';
import { CHEAP_PASSWORD_COST, testConfig } from './composed-server';
import { seedCatalog } from './seed-catalog';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`crash-worker: ${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const crashAt = process.env.CRASH_AT as Checkpoint | undefined;
  const sentLog = need('SENT_LOG');
  const config = testConfig('postgres', {
    DATABASE_URL: need('DATABASE_URL'),
    DATABASE_SCHEMA: need('DATABASE_SCHEMA'),
    REDIS_URL: need('REDIS_URL'),
    REDIS_PREFIX: need('REDIS_PREFIX'),
  });
  const sender: ChannelSender = {
    channel: 'web',
    async send(reply) {
      appendFileSync(sentLog, `${reply.outboxId}\n`);
      return { externalId: `web-${reply.outboxId}` };
    },
  };
  const catalog = seedCatalog();
  const composed = await compose(
    {
      ...config,
      // A dead worker's job is retaken within about a second.
      jobTimings: {
        inbound: { attempts: 3, backoffMs: 50 },
        outbound: { attempts: 3, backoffMs: 50 },
        sendLeaseMs: Number(process.env.SEND_LEASE_MS ?? 1500),
        stalledIntervalMs: 300,
        lockDurationMs: 1000,
      },
    },
    {
      role: 'worker',
      logger: createLogger({ level: 'error', redact: (text) => redactPii(text).text, write: (line) => process.stderr.write(`[crash-worker] ${line}`) }),
      print: () => undefined,
      overrides: {
        passwordCost: CHEAP_PASSWORD_COST,
        model: { triage: () => tableTriage(), catalog: () => catalog },
        senders: new Map([['web', sender]]),
        checkpoint: (point, id) => {
          if (point !== crashAt) return;
          console.log(`[crash-worker] dying at ${point} (${id})`);
          process.kill(process.pid, 'SIGKILL');
        },
      },
    },
  );
  console.log('[crash-worker] ready');
  process.on('SIGTERM', () => void composed.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error('[crash-worker] failed to start', error);
  process.exit(1);
});
