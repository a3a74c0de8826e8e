// The single-machine job driver: queues in memory, run by the same process.
// Delayed jobs and retries wait on timers, so they are LOST when the process stops. Each kind is
// found again from the database at the next start (server/compose.ts):
//   inbound, outbound  the message / outbox row's status  → pipeline recover(), and the sweeper
//   sla                open tickets without a first response → handoff recoverSla(), firing at
//                      once when the deadline passed while the process was down
//   sweep, surge       set up again by every() at each start
// The Kakao inline hold is an `outbound` delay (recovered as outbound). Reopen windows and
// auto-assignment are decided when a message or ticket arrives, with no timer to lose.
import { backoffDelay, laneConcurrency, retryPolicy, type RetryPolicy } from './retry-policy';
import {
  JOB_NAMES,
  RateLimitedJobError,
  UnrecoverableJobError,
  type AddOptions,
  type JobHandler,
  type JobName,
  type JobPayloads,
  type JobQueue,
  type LaneOptions,
} from './types';

export interface InProcessOptions {
  /** Told about jobs that failed for good (default: console.error). */
  readonly onFailed?: (name: JobName, error: unknown) => void;
}

interface PendingJob {
  readonly id: string | undefined;
  readonly data: unknown;
  /** Failed attempts so far (rate-limit delays do not count). */
  readonly failures: number;
}

interface Lane {
  readonly name: JobName;
  /** Unset: the kind's default lane. */
  readonly lane: string | undefined;
  readonly ready: PendingJob[];
  readonly timers: Set<NodeJS.Timeout>;
  /** jobIds queued, delayed or running: adding one of these again is a no-op. */
  readonly ids: Set<string>;
  /** Start times inside the current limiter window. */
  readonly starts: number[];
  handler?: JobHandler<JobName>;
  policy?: RetryPolicy;
  concurrency: number;
  limiter?: LaneOptions['limiter'];
  running: number;
  /** A lane-wide rate limit (the platform said wait): nothing starts before this time. */
  pausedUntil: number;
  wakeup?: NodeJS.Timeout;
}

export function createInProcessJobQueue(options: InProcessOptions = {}): JobQueue {
  const onFailed = options.onFailed ?? ((name, error) => console.error(`[jobs] ${name} job failed for good:`, error));
  const lanes = new Map<string, Lane>();
  const idleWaiters: (() => void)[] = [];
  let closed = false;

  const lane = (name: JobName, laneName?: string): Lane => {
    if (!JOB_NAMES.includes(name)) throw new UnrecoverableJobError(`unknown job name "${name}"`);
    const key = laneName === undefined ? name : `${name}/${laneName}`;
    let found = lanes.get(key);
    if (!found) {
      found = { name, lane: laneName, ready: [], timers: new Set(), ids: new Set(), starts: [], concurrency: 1, running: 0, pausedUntil: 0 };
      lanes.set(key, found);
    }
    return found;
  };

  function schedule(l: Lane, job: PendingJob, delayMs: number): void {
    if (delayMs <= 0) {
      l.ready.push(job);
      pump(l);
      return;
    }
    const timer = setTimeout(() => {
      l.timers.delete(timer);
      l.ready.push(job);
      pump(l);
    }, delayMs);
    timer.unref();
    l.timers.add(timer);
  }

  /** Wakes the lane up at `at` (once, however many callers ask). */
  function wakeAt(l: Lane, at: number): void {
    if (l.wakeup) return;
    l.wakeup = setTimeout(
      () => {
        l.wakeup = undefined;
        pump(l);
      },
      Math.max(0, at - Date.now()),
    );
    l.wakeup.unref();
  }

  /** Starts as many ready jobs as concurrency, the limiter and a lane-wide pause allow. */
  function pump(l: Lane): void {
    while (!closed && l.handler && l.policy && l.running < l.concurrency && l.ready.length > 0) {
      const now = Date.now();
      if (l.pausedUntil > now) return wakeAt(l, l.pausedUntil);
      if (l.limiter) {
        while (l.starts.length > 0 && l.starts[0]! <= now - l.limiter.durationMs) l.starts.shift();
        if (l.starts.length >= l.limiter.max) return wakeAt(l, l.starts[0]! + l.limiter.durationMs);
        l.starts.push(now);
      }
      const job = l.ready.shift()!;
      l.running += 1;
      void run(l, job);
    }
  }

  async function run(l: Lane, job: PendingJob): Promise<void> {
    const policy = l.policy!;
    let retryIn: number | undefined;
    let next: PendingJob = job;
    try {
      await l.handler!(job.data as JobPayloads[JobName], { attempt: job.failures + 1, ...(l.lane === undefined ? {} : { lane: l.lane }) });
    } catch (error) {
      if (error instanceof RateLimitedJobError) {
        retryIn = error.delayMs;
        if (error.scope === 'lane') l.pausedUntil = Math.max(l.pausedUntil, Date.now() + error.delayMs);
      } else if (!(error instanceof UnrecoverableJobError) && job.failures + 1 < policy.attempts) {
        next = { ...job, failures: job.failures + 1 };
        retryIn = backoffDelay(next.failures, policy.backoffMs);
      } else {
        onFailed(l.name, error);
      }
    } finally {
      l.running -= 1;
    }
    if (retryIn !== undefined && !closed) schedule(l, next, retryIn);
    else if (job.id !== undefined) l.ids.delete(job.id);
    pump(l);
    if (closed && [...lanes.values()].every((x) => x.running === 0)) idleWaiters.splice(0).forEach((w) => w());
  }

  /** Gives a lane its handler and settings, and starts what waits in it. */
  function consume(l: Lane, handler: JobHandler<JobName>, policy: RetryPolicy, settings: LaneOptions): void {
    l.handler = handler;
    l.policy = policy;
    l.concurrency = laneConcurrency(settings);
    l.limiter = settings.limiter;
    pump(l);
  }

  return {
    driver: 'in-process',

    async add(name, data, addOptions: AddOptions = {}) {
      if (closed) throw new Error(`job queue is closed: cannot add "${name}"`);
      const l = lane(name, addOptions.lane);
      if (addOptions.jobId !== undefined) {
        if (l.ids.has(addOptions.jobId)) return;
        l.ids.add(addOptions.jobId);
      }
      schedule(l, { id: addOptions.jobId, data, failures: 0 }, addOptions.delayMs ?? 0);
    },

    process(name, handler, workerOptions = {}) {
      const l = lane(name);
      if (l.handler) throw new Error(`a handler for "${name}" jobs is already registered`);
      const policy = retryPolicy(workerOptions);
      const run = handler as JobHandler<JobName>;
      consume(l, run, policy, workerOptions);
      for (const [laneName, settings] of Object.entries(workerOptions.lanes ?? {})) consume(lane(name, laneName), run, policy, settings);
    },

    every(name, everyMs) {
      // One process: a timer is enough; the jobId keeps two runs from overlapping.
      const timer = setInterval(() => {
        if (!closed) void this.add(name, {}, { jobId: `every-${name}` }).catch(() => {});
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    async depth() {
      const counts = Object.fromEntries(JOB_NAMES.map((name) => [name, 0])) as Record<JobName, number>;
      for (const l of lanes.values()) counts[l.name] += l.ready.length + l.timers.size;
      return counts;
    },

    async ping() {
      return !closed;
    },

    async close() {
      closed = true;
      for (const l of lanes.values()) {
        l.timers.forEach(clearTimeout);
        l.timers.clear();
        if (l.wakeup) clearTimeout(l.wakeup);
      }
      if ([...lanes.values()].some((l) => l.running > 0)) {
        await new Promise<void>((resolve) => idleWaiters.push(resolve));
      }
    },
  };
}
