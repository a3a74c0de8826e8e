import { RateLimitedJobError, UnrecoverableJobError, type JobQueue } from '../../jobs/types';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL, describeEachJobDriver, eventually, uniqueName } from '../support/backends';

interface Run {
  readonly id: string;
  readonly attempt: number;
  readonly at: number;
}

describeEachJobDriver('job queue', (backend) => {
  let queue: JobQueue;
  let runs: Run[];
  const failedForGood: string[] = [];

  beforeEach(() => {
    runs = [];
    failedForGood.length = 0;
    queue = backend.open({ onFailed: (_name, error) => failedForGood.push(String(error)) });
  });
  afterEach(() => queue.close());

  const record = (id: string, attempt: number) => runs.push({ id, attempt, at: Date.now() });
  const runsOf = (id: string) => runs.filter((r) => r.id === id);

  test('runs a job with its data', async () => {
    queue.process('inbound', async (data, ctx) => void record(data.messageId, ctx.attempt));
    await queue.add('inbound', { messageId: 'm1' });
    await eventually(async () => runs.length === 1, 5000, 'the job to run');
    expect(runs[0]).toMatchObject({ id: 'm1', attempt: 1 });
  });

  test('retries a failing job with growing delays, then succeeds', async () => {
    queue.process(
      'outbound',
      async (data, ctx) => {
        record(data.outboxId, ctx.attempt);
        if (ctx.attempt < 3) throw new Error('temporary');
      },
      { attempts: 5, backoffMs: 50 },
    );
    await queue.add('outbound', { outboxId: 'o1' });
    await eventually(async () => runs.length === 3, 5000, 'three attempts');
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    const gaps = [runs[1]!.at - runs[0]!.at, runs[2]!.at - runs[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(failedForGood).toEqual([]);
  });

  test('gives up after the last attempt', async () => {
    queue.process(
      'outbound',
      async (data, ctx) => {
        record(data.outboxId, ctx.attempt);
        throw new Error(`always fails (${ctx.attempt})`);
      },
      { attempts: 3, backoffMs: 10 },
    );
    await queue.add('outbound', { outboxId: 'o2' });
    await eventually(async () => failedForGood.length === 1, 5000, 'the job to fail for good');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(failedForGood[0]).toContain('always fails (3)');
  });

  test('never retries an UnrecoverableJobError', async () => {
    queue.process(
      'inbound',
      async (data, ctx) => {
        record(data.messageId, ctx.attempt);
        throw new UnrecoverableJobError('bad payload');
      },
      { attempts: 5, backoffMs: 10 },
    );
    await queue.add('inbound', { messageId: 'bad' });
    await eventually(async () => failedForGood.length === 1, 5000, 'the job to fail');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toHaveLength(1);
  });

  test('a rate-limited job waits the given delay and keeps its attempt number', async () => {
    queue.process(
      'outbound',
      async (data, ctx) => {
        record(data.outboxId, ctx.attempt);
        if (runsOf(data.outboxId).length < 3) throw new RateLimitedJobError('429', 150);
      },
      { attempts: 2, backoffMs: 10 },
    );
    await queue.add('outbound', { outboxId: 'o3' });
    await eventually(async () => runs.length === 3, 5000, 'the third run');
    // Two rate limits with attempts=2 would have exhausted the attempts if they counted.
    expect(runs.map((r) => r.attempt)).toEqual([1, 1, 1]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(140);
    expect(failedForGood).toEqual([]);
  });

  test('a jobId already queued is not queued twice', async () => {
    await queue.add('inbound', { messageId: 'dup' }, { jobId: 'dup' });
    await queue.add('inbound', { messageId: 'dup' }, { jobId: 'dup' });
    expect((await queue.depth()).inbound).toBe(1);
    queue.process('inbound', async (data, ctx) => void record(data.messageId, ctx.attempt));
    await eventually(async () => runs.length === 1, 5000, 'the job to run');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toHaveLength(1);
    // Finished: the same id may be queued again (recover() relies on it).
    await queue.add('inbound', { messageId: 'dup' }, { jobId: 'dup' });
    await eventually(async () => runs.length === 2, 5000, 'the re-added job to run');
  });

  test('a delayed job waits, and counts in depth meanwhile', async () => {
    const added = Date.now();
    await queue.add('sla', { ticketId: 't1', deadline: 'x' }, { delayMs: 300 });
    expect(await queue.depth()).toEqual({ inbound: 0, outbound: 0, sla: 1, surge: 0, sweep: 0, 'link-check': 0 });
    queue.process('sla', async (data, ctx) => void record(data.ticketId, ctx.attempt));
    await eventually(async () => runs.length === 1, 5000, 'the delayed job');
    expect(runs[0]!.at - added).toBeGreaterThanOrEqual(290);
  });

  test('runs at most `concurrency` jobs at a time', async () => {
    let active = 0;
    let peak = 0;
    queue.process(
      'inbound',
      async (data, ctx) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 50));
        active -= 1;
        record(data.messageId, ctx.attempt);
      },
      { concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) await queue.add('inbound', { messageId: `c${i}` });
    await eventually(async () => runs.length === 6, 5000, 'six jobs');
    expect(peak).toBe(2);
  });

  test('the limiter spaces jobs out', async () => {
    queue.process('outbound', async (data, ctx) => void record(data.outboxId, ctx.attempt), {
      concurrency: 5,
      limiter: { max: 2, durationMs: 300 },
    });
    for (let i = 0; i < 5; i++) await queue.add('outbound', { outboxId: `l${i}` });
    await eventually(async () => runs.length === 5, 5000, 'five jobs');
    const starts = runs.map((r) => r.at).sort((a, b) => a - b);
    // Five jobs at two per 300 ms need at least two full windows.
    expect(starts[4]! - starts[0]!).toBeGreaterThanOrEqual(550);
    for (const start of starts) {
      expect(starts.filter((s) => s >= start && s < start + 280).length).toBeLessThanOrEqual(2);
    }
  });

  test('each lane has its own limiter, and knows its lane', async () => {
    const lanesSeen: (string | undefined)[] = [];
    queue.process(
      'outbound',
      async (data, ctx) => {
        record(data.outboxId, ctx.attempt);
        lanesSeen.push(ctx.lane);
      },
      { lanes: { slow: { concurrency: 5, limiter: { max: 1, durationMs: 1000 } }, fast: { concurrency: 5, limiter: { max: 100, durationMs: 1000 } } } },
    );
    for (let i = 0; i < 3; i++) await queue.add('outbound', { outboxId: `slow${i}` }, { lane: 'slow' });
    for (let i = 0; i < 5; i++) await queue.add('outbound', { outboxId: `fast${i}` }, { lane: 'fast' });
    await queue.add('outbound', { outboxId: 'default' });
    // The fast lane and the default lane are not held up by the slow lane's one job a second.
    await eventually(async () => runs.filter((r) => r.id.startsWith('fast')).length === 5 && runsOf('default').length === 1, 900, 'the fast lane');
    expect(runs.filter((r) => r.id.startsWith('slow')).length).toBe(1);
    await eventually(async () => runs.filter((r) => r.id.startsWith('slow')).length === 3, 5000, 'the slow lane');
    const slowStarts = runs.filter((r) => r.id.startsWith('slow')).map((r) => r.at);
    expect(slowStarts[2]! - slowStarts[0]!).toBeGreaterThanOrEqual(1900);
    expect(new Set(lanesSeen)).toEqual(new Set(['slow', 'fast', undefined]));
    expect((await queue.depth()).outbound).toBe(0);
  });

  test('a lane-wide rate limit pauses that lane only, without using up attempts', async () => {
    let throttled = false;
    queue.process(
      'outbound',
      async (data, ctx) => {
        if (ctx.lane === 'throttled' && !throttled) {
          throttled = true;
          throw new RateLimitedJobError('429', 1500, 'lane');
        }
        record(data.outboxId, ctx.attempt);
      },
      { lanes: { throttled: { limiter: { max: 100, durationMs: 1000 } }, other: { limiter: { max: 100, durationMs: 1000 } } } },
    );
    const t0 = Date.now();
    await queue.add('outbound', { outboxId: 't1' }, { lane: 'throttled' });
    await eventually(async () => throttled, 5000, 'the 429');
    await queue.add('outbound', { outboxId: 't2' }, { lane: 'throttled' });
    for (let i = 0; i < 3; i++) await queue.add('outbound', { outboxId: `o${i}` }, { lane: 'other' });
    await eventually(async () => runs.filter((r) => r.id.startsWith('o')).length === 3, 1000, 'the other lane');
    expect(runs.filter((r) => r.id.startsWith('t'))).toEqual([]);
    await eventually(async () => runs.filter((r) => r.id.startsWith('t')).length === 2, 5000, 'the throttled lane after its pause');
    for (const id of ['t1', 't2']) {
      expect(runsOf(id)[0]!.attempt).toBe(1);
      expect(runsOf(id)[0]!.at - t0).toBeGreaterThanOrEqual(1400);
    }
  });

  test('close() waits for running jobs', async () => {
    let finished = false;
    queue.process('inbound', async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      finished = true;
    });
    await queue.add('inbound', { messageId: 'slow' });
    await eventually(async () => (await queue.depth()).inbound === 0, 5000, 'the job to start');
    await new Promise((resolve) => setTimeout(resolve, 50));
    await queue.close();
    expect(finished).toBe(true);
  });

  test('every() runs a repeatable job once per period, however many processes schedule it', async () => {
    const prefix = uniqueName('sotong-every');
    // Two BullMQ queues on one prefix stand for two worker processes; in memory there is one process.
    const queues = backend.driver === 'bullmq' ? [backend.open({ prefix }), backend.open({ prefix })] : [queue];
    const runs: number[] = [];
    queues.forEach((q) => q.process('surge', async () => void runs.push(Date.now())));
    const stops = queues.map((q) => q.every('surge', 300));
    const started = Date.now();
    try {
      await eventually(async () => runs.length >= 4, 10_000, 'four runs');
      const periods = (Date.now() - started) / 300;
      // Scheduled twice, a doubled schedule would run about twice per period.
      expect(runs.length).toBeLessThanOrEqual(Math.ceil(periods) + 1);
    } finally {
      stops.forEach((stop) => stop());
      await Promise.all(queues.filter((q) => q !== queue).map((q) => q.close()));
    }
  });

  (backend.driver === 'bullmq' ? test : test.skip)('a repeatable job comes back by itself after its queue is wiped', async () => {
    const prefix = uniqueName('sotong-every-wipe');
    const wiped = backend.open({ prefix });
    const runs: number[] = [];
    wiped.process('surge', async () => void runs.push(Date.now()));
    const stop = wiped.every('surge', 300);
    const redis = new Redis(TEST_REDIS_URL!);
    try {
      await eventually(async () => runs.length >= 1, 10_000, 'a first run');
      const keys = await redis.keys(`${prefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      const wipedAt = Date.now();
      await eventually(async () => runs.some((at) => at > wipedAt + 50), 10_000, 'a run after the wipe');
    } finally {
      stop();
      redis.disconnect();
      await wiped.close();
    }
  });

  test('ping answers', async () => {
    expect(await queue.ping()).toBe(true);
  });
});
