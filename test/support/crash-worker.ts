// A pipeline worker process for the crash tests (run with `npx tsx`). It consumes the BullMQ
// queues of the test and, when CRASH_AT names a checkpoint, kills itself there with SIGKILL:
// no cleanup, no lock release, like a machine losing power mid-job.
// Env: DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, QUEUE_PREFIX, SENT_LOG (file the fake channel
// appends one line per delivered reply to), CRASH_AT (optional checkpoint), SEND_LEASE_MS.
import { appendFileSync } from 'node:fs';
import { redactPii } from '../../bot/pii';
import type { ChannelSender } from '../../pipeline/channel';
import { createInProcessEvents } from '../../events/in-process-events';
import { createBullmqJobQueue } from '../../jobs/bullmq-driver';
import { createPipeline } from '../../pipeline/create-pipeline';
import type { Checkpoint } from '../../pipeline/deps';
import { createDatabase } from '../../store/database';
import { tableTriage } from './pipeline-fixtures';
import { productionHandoff } from './production-handoff';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`crash-worker: ${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const crashAt = process.env.CRASH_AT as Checkpoint | undefined;
  const sentLog = need('SENT_LOG');
  const database = await createDatabase({ url: need('DATABASE_URL'), dataDir: '', schema: need('DATABASE_SCHEMA'), poolSize: 2 });
  const jobs = createBullmqJobQueue({
    redisUrl: need('REDIS_URL'),
    prefix: need('QUEUE_PREFIX'),
    stalledIntervalMs: 300,
    lockDurationMs: 1000,
    onFailed: (name, error) => console.error(`[crash-worker] ${name} failed`, error),
  });
  const sender: ChannelSender = {
    channel: 'web',
    async send(reply) {
      appendFileSync(sentLog, `${reply.outboxId}\n`);
      return { externalId: `web-${reply.outboxId}` };
    },
  };
  const events = createInProcessEvents();
  const pipeline = createPipeline({
    database,
    jobs,
    events,
    triage: () => tableTriage(),
    redact: redactPii,
    handoff: productionHandoff(database, jobs, events),
    checkpoint: (point, id) => {
      if (point !== crashAt) return;
      console.log(`[crash-worker] dying at ${point} (${id})`);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  pipeline.registerWorkers(new Map([['web', sender]]), {
    inbound: { attempts: 3, backoffMs: 50 },
    outbound: { attempts: 3, backoffMs: 50 },
    sendLeaseMs: Number(process.env.SEND_LEASE_MS ?? 1500),
  });
  console.log('[crash-worker] ready');
  const stop = async () => {
    await jobs.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error('[crash-worker] failed to start', error);
  process.exit(1);
});
