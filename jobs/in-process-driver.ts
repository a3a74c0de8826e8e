// The single-machine job driver: queues in memory, run by the same process.
// Delayed jobs and retries wait on timers, so they are LOST when the process stops. Each kind is
// found again from the database at the next start (server/compose.ts):
//   inbound, outbound  the message / outbox row's status  → pipeline recover(), and the sweeper
//   sla                open tickets without a first response → handoff recoverSla(), firing at
//                      once when the deadline passed while the process was down
//   sweep, surge       set up again by every() at each start
// The Kakao inline hold is an `outbound` delay (recovered as outbound). Reopen windows and
// auto-assignment are decided when a message or ticket arrives, with no timer to lose.
import { backoffDelay, retryPolicy, type RetryPolicy } from './retry-policy';
import {
  JOB_NAMES,
  RateLimitedJobError,
  UnrecoverableJobError,
  type AddOptions,
  type JobHandler,
  type JobName,
  type JobPayloads,
  type JobQueue,
  type WorkerOptions,
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
  readonly ready: PendingJob[];
  readonly timers: Set<NodeJS.Timeout>;
  /** jobIds queued, delayed or running: adding one of these again is a no-op. */
  readonly ids: Set<string>;
  /** Start times inside the current limiter window. */
  readonly starts: number[];
  handler?: JobHandler<JobName>;
  policy?: RetryPolicy;
  limiter?: WorkerOptions['limiter'];
  running: number;
  wakeup?: NodeJS.Timeout;
}

export function createInProcessJobQueue(options: InProcessOptions = {}): JobQueue {
  const onFailed = options.onFailed ?? ((name, error) => console.error(`[jobs] ${name} job failed for good:`, error));
  const lanes = new Map<JobName, Lane>(JOB_NAMES.map((name) => [name, { ready: [], timers: new Set(), ids: new Set(), starts: [], running: 0 }]));
  const idleWaiters: (() => void)[] = [];
  let closed = false;

  const lane = (name: JobName): Lane => {
    const found = lanes.get(name);
    if (!found) throw new UnrecoverableJobError(`unknown job name "${name}"`);
    return found;
  };

  function schedule(name: JobName, job: PendingJob, delayMs: number): void {
    const l = lane(name);
    if (delayMs <= 0) {
      l.ready.push(job);
      pump(name);
      return;
    }
    const timer = setTimeout(() => {
      l.timers.delete(timer);
      l.ready.push(job);
      pump(name);
    }, delayMs);
    timer.unref();
    l.timers.add(timer);
  }

  /** Starts as many ready jobs as concurrency and the limiter allow. */
  function pump(name: JobName): void {
    const l = lane(name);
    while (!closed && l.handler && l.policy && l.running < l.policy.concurrency && l.ready.length > 0) {
      if (l.limiter) {
        const now = Date.now();
        while (l.starts.length > 0 && l.starts[0]! <= now - l.limiter.durationMs) l.starts.shift();
        if (l.starts.length >= l.limiter.max) {
          if (!l.wakeup) {
            l.wakeup = setTimeout(
              () => {
                l.wakeup = undefined;
                pump(name);
              },
              l.starts[0]! + l.limiter.durationMs - now,
            );
            l.wakeup.unref();
          }
          return;
        }
        l.starts.push(now);
      }
      const job = l.ready.shift()!;
      l.running += 1;
      void run(name, l, job);
    }
  }

  async function run(name: JobName, l: Lane, job: PendingJob): Promise<void> {
    const policy = l.policy!;
    let retryIn: number | undefined;
    let next: PendingJob = job;
    try {
      await l.handler!(job.data as JobPayloads[JobName], { attempt: job.failures + 1 });
    } catch (error) {
      if (error instanceof RateLimitedJobError) {
        retryIn = error.delayMs;
      } else if (!(error instanceof UnrecoverableJobError) && job.failures + 1 < policy.attempts) {
        next = { ...job, failures: job.failures + 1 };
        retryIn = backoffDelay(next.failures, policy.backoffMs);
      } else {
        onFailed(name, error);
      }
    } finally {
      l.running -= 1;
    }
    if (retryIn !== undefined && !closed) schedule(name, next, retryIn);
    else if (job.id !== undefined) l.ids.delete(job.id);
    pump(name);
    if (closed && [...lanes.values()].every((x) => x.running === 0)) idleWaiters.splice(0).forEach((w) => w());
  }

  return {
    driver: 'in-process',

    async add(name, data, addOptions: AddOptions = {}) {
      if (closed) throw new Error(`job queue is closed: cannot add "${name}"`);
      const l = lane(name);
      if (addOptions.jobId !== undefined) {
        if (l.ids.has(addOptions.jobId)) return;
        l.ids.add(addOptions.jobId);
      }
      schedule(name, { id: addOptions.jobId, data, failures: 0 }, addOptions.delayMs ?? 0);
    },

    process(name, handler, workerOptions = {}) {
      const l = lane(name);
      if (l.handler) throw new Error(`a handler for "${name}" jobs is already registered`);
      l.policy = retryPolicy(workerOptions);
      l.limiter = workerOptions.limiter;
      l.handler = handler as JobHandler<JobName>;
      pump(name);
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
      const counts = {} as Record<JobName, number>;
      for (const [name, l] of lanes) counts[name] = l.ready.length + l.timers.size;
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
