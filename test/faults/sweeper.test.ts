// The job queue is wiped (only this test's prefix) while work is pending: messages waiting for
// their `inbound` job and replies waiting for their `outbound` job. With no restart, the sweeper
// finds both from the database within its period and every message is answered exactly once.
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, describeWithServers, eventually, removeTestQueues } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { composeHarness, type SystemHarness } from '../support/pipeline-harness';
import { inbound } from '../support/pipeline-fixtures';

const SWEEP_EVERY_MS = 1000;
const STUCK_AFTER_MS = 500;

describeWithServers({ postgres: true, redis: true }, 'the sweeper after the job queue is wiped [postgres + bullmq]', () => {
  jest.setTimeout(60_000);
  let harness: SystemHarness;

  beforeAll(async () => {
    // Workers held back until the queue is wiped; then the sweeper runs every second.
    harness = await composeHarness({
      kind: 'postgres',
      driver: 'bullmq',
      env: { SWEEP_INTERVAL_SECONDS: String(SWEEP_EVERY_MS / 1000), SWEEP_STUCK_AFTER_SECONDS: String(STUCK_AFTER_MS / 1000) },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await harness?.close();
    await removeTestQueues();
  });

  async function wipeThisTestsQueue(): Promise<number> {
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${harness.config.redisPrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      return keys.length;
    } finally {
      redis.disconnect();
    }
  }

  test('every pending message and reply is answered once within the sweeper period, without a restart', async () => {
    const { pipeline, sender, database } = harness;
    // Half stop before triage (their inbound job is pending), half after (their reply's outbound job is).
    const waitingForTriage = [];
    for (let i = 0; i < 10; i++) waitingForTriage.push((await pipeline.ingest(inbound(`가족관계증명서 ${i}`))).messageId);
    const waitingForSend = [];
    for (let i = 0; i < 10; i++) {
      const { messageId } = await pipeline.ingest(inbound(`가족관계증명서 발급 ${i}`), { enqueue: false });
      await pipeline.processInbound(messageId);
      waitingForSend.push(messageId);
    }
    expect(await harness.jobs.depth()).toMatchObject({ inbound: 10, outbound: 10 });
    expect(await wipeThisTestsQueue()).toBeGreaterThan(0);
    expect(await harness.jobs.depth()).toMatchObject({ inbound: 0, outbound: 0 });

    const started = Date.now();
    harness.startWorkers();
    const all = [...waitingForTriage, ...waitingForSend];
    await eventually(
      async () => {
        const sent = await database.db.selectFrom('outbox').select('id').where('in_reply_to', 'in', all).where('status', '=', 'sent').execute();
        return sent.length === all.length;
      },
      3 * SWEEP_EVERY_MS + 5000,
      'every reply to be sent',
    );
    const elapsed = Date.now() - started;
    // Within the sweeper's period (plus the send itself), not at the next restart.
    expect(elapsed).toBeLessThan(SWEEP_EVERY_MS + STUCK_AFTER_MS + 4000);

    await new Promise((resolve) => setTimeout(resolve, 2 * SWEEP_EVERY_MS)); // room for a duplicate
    const rows = await database.db.selectFrom('outbox').select(['id', 'in_reply_to']).where('in_reply_to', 'in', all).execute();
    expect(rows).toHaveLength(all.length);
    const sends = new Map<string, number>();
    for (const reply of sender.sent) sends.set(reply.outboxId, (sends.get(reply.outboxId) ?? 0) + 1);
    for (const row of rows) expect([row.in_reply_to, sends.get(row.id)]).toEqual([row.in_reply_to, 1]);
  });
});
