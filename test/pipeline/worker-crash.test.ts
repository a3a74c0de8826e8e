// Kill a BullMQ worker process in the middle of a job, start another, and check the citizen is
// answered exactly once. Needs PostgreSQL and Redis: two processes must share the store and queue.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Checkpoint } from '../../pipeline/deps';
import type { Database } from '../../store/database';
import { TEST_DATABASE_URL, TEST_REDIS_URL, describeWithServers, eventually, jobQueueEnv, removeTestQueues } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { inbound, tableTriage } from '../support/pipeline-fixtures';
import { seedCatalog } from '../support/seed-catalog';

describeWithServers({ postgres: true, redis: true }, 'a worker killed mid-job [postgres + bullmq]', () => {
  jest.setTimeout(60_000);
  let api: ComposedServer;
  let database: Database;
  const sentLog = join(mkdtempSync(join(tmpdir(), 'sotong-crash-')), 'sent.log');
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // This process only ingests (the api role); the workers are the child processes.
    const catalog = seedCatalog();
    api = await startComposedServer('postgres', {
      role: 'api',
      env: jobQueueEnv('bullmq'),
      overrides: { model: { triage: () => tableTriage(), catalog: () => catalog } },
    });
    database = api.composed.database;
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await api?.close();
    await removeTestQueues();
  });

  function startWorker(crashAt?: Checkpoint): { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> } {
    // `node --import tsx` rather than `npx tsx`: one process, so SIGKILL hits the worker itself.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/crash-worker.ts')], {
      cwd: join(__dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        DATABASE_SCHEMA: database.schema,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: api.config.redisPrefix,
        SENT_LOG: sentLog,
        ...(crashAt ? { CRASH_AT: crashAt } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL' && code !== 0) console.error(`crash-worker exited with ${code ?? signal}:\n${output}`);
        resolve(signal ?? code);
      }),
    );
    return { child, exited };
  }

  const sentLines = () => (existsSync(sentLog) ? readFileSync(sentLog, 'utf8').split('\n').filter(Boolean) : []);

  async function expectAnsweredOnce(messageId: string): Promise<void> {
    const { db } = database;
    const outbox = await eventually(
      async () => {
        const rows = await db.selectFrom('outbox').selectAll().where('in_reply_to', '=', messageId).execute();
        return rows.length === 1 && rows[0]!.status === 'sent' ? rows : undefined;
      },
      30_000,
      'the reply to be sent by the second worker',
    );
    const outboxId = outbox[0]!.id;
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a duplicate to show up
    expect(sentLines().filter((line) => line === outboxId)).toEqual([outboxId]);
    expect(await db.selectFrom('decisions').select('id').where('message_id', '=', messageId).execute()).toHaveLength(1);
    expect(await db.selectFrom('outbox').select('id').where('in_reply_to', '=', messageId).execute()).toHaveLength(1);
    expect(await db.selectFrom('messages').select('id').where('outbox_id', '=', outboxId).execute()).toHaveLength(1);
    const message = await db.selectFrom('messages').select('status').where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(message.status).toBe('processed');
  }

  test('dies after storing a handoff decision, before its ticket opens; the next worker opens one ticket and answers once', async () => {
    const doomed = startWorker('decision-stored');
    const { messageId, conversationId } = await api.composed.pipeline.ingest(inbound('상담원 연결해 주세요'));
    expect(await doomed.exited).toBe('SIGKILL');
    const { db } = database;
    // A decision that opens a ticket is stored on its own first: that is where this worker died.
    expect(await db.selectFrom('decisions').select('action').where('message_id', '=', messageId).execute()).toEqual([{ action: 'handoff' }]);
    expect(await db.selectFrom('tickets').select('id').where('conversation_id', '=', conversationId).execute()).toEqual([]);

    const survivor = startWorker();
    await expectAnsweredOnce(messageId);
    expect(await db.selectFrom('tickets').select('status').where('conversation_id', '=', conversationId).execute()).toEqual([{ status: 'waiting' }]);
    survivor.child.kill('SIGTERM');
    await survivor.exited;
  });

  test.each<Checkpoint>(['decision-stored', 'outbox-written', 'before-send'])('dies at %s; the next worker answers exactly once', async (point) => {
    const doomed = startWorker(point);
    const { messageId } = await api.composed.pipeline.ingest(inbound('가족관계증명서 어디서 떼요'));
    expect(await doomed.exited).toBe('SIGKILL');

    const { db } = database;
    const decisions = await db.selectFrom('decisions').select('id').where('message_id', '=', messageId).execute();
    expect(decisions).toHaveLength(1); // it did die after storing the decision
    expect(sentLines()).not.toContainEqual(expect.stringContaining(messageId));

    const survivor = startWorker();
    await expectAnsweredOnce(messageId);
    survivor.child.kill('SIGTERM');
    await survivor.exited;
  });
});
