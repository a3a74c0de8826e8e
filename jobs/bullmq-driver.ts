// The many-machine job driver: one BullMQ Queue (to add) and, in worker processes, one Worker (to
// consume) per job name, on Redis. Retry policy lives on the worker side (jobs/retry-policy.ts),
// like the in-process driver, so the process that adds a job needs no knowledge of it: jobs are
// added with a generous attempt ceiling and the worker fails them for good after its own limit.
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { backoffDelay, laneConcurrency, retryPolicy } from './retry-policy';
import { JOB_NAMES, RateLimitedJobError, UnrecoverableJobError, type JobHandler, type JobName, type JobQueue, type LaneOptions } from './types';

export interface BullmqOptions {
  readonly redisUrl: string;
  /** Redis key prefix (default 'sotong'); tests use a unique one each. */
  readonly prefix?: string;
  /** How often a worker looks for jobs whose worker died (ms, default 30 000). */
  readonly stalledIntervalMs?: number;
  /** How long a job's lock lives without renewal; a dead worker's job is retaken after it (ms, default 30 000). */
  readonly lockDurationMs?: number;
  /** Times a job may be retaken from dead workers before it fails for good (default 2). */
  readonly maxStalledCount?: number;
  readonly onFailed?: (name: JobName, error: unknown) => void;
  /** Told about queue, worker and scheduling errors (the server passes its redacting logger). */
  readonly onError?: (message: string, error: unknown) => void;
  /**
   * How long add() waits for Redis (ms, default 2 000). With Redis down, ioredis would queue the
   * command until it reconnects; a caller holding an HTTP request needs an answer before that.
   */
  readonly addTimeoutMs?: number;
  /** Lanes of each job kind (AddOptions.lane), so depth() counts them in a process that never added to them. */
  readonly lanes?: Partial<Record<JobName, readonly string[]>>;
}

/** Ceiling on BullMQ's own attempt counter; the worker's policy fails jobs well before it. */
const ATTEMPT_CEILING = 1000;
/** Longest lane-wide wait a rate-limited lane takes at once (a longer Retry-After is waited out in steps). */
const MAX_LANE_PAUSE_MS = 10 * 60_000;
const BACKOFF_TYPE = 'sotong';
/** BullMQ queue names may not hold ':'; lanes are short plain names like 'facebook'. */
const LANE_NAME = /^[a-z0-9_-]{1,40}$/;

/** A lane is a BullMQ queue of its own: `outbound-facebook` next to the default `outbound`. */
function queueName(name: JobName, lane: string | undefined): string {
  if (lane === undefined) return name;
  if (!LANE_NAME.test(lane)) throw new UnrecoverableJobError(`lane "${lane}" must match ${LANE_NAME}`);
  return `${name}-${lane}`;
}

/** Rejects after `ms` if `work` has not settled; `work` itself goes on (BullMQ cannot cancel it). */
function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => {}); // settled later, after the timeout answered: nobody is listening
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createBullmqJobQueue(options: BullmqOptions): JobQueue {
  const prefix = options.prefix ?? 'sotong';
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const onFailed = options.onFailed ?? ((name, error) => console.error(`[jobs] ${name} job failed for good:`, error));
  const onError = options.onError ?? ((message: string, error: unknown) => console.error(`[jobs] ${message}:`, (error as Error)?.message ?? error));
  /** By queue name (a lane is a queue of its own). */
  const queues = new Map<string, Queue>();
  const workers = new Map<string, Worker>();
  const lanesOf = (name: JobName) => new Set(options.lanes?.[name] ?? []);
  const schedules = new Set<NodeJS.Timeout>();
  let closed = false;

  const knownLanes = new Map<JobName, Set<string>>(JOB_NAMES.map((name) => [name, lanesOf(name)]));
  const queue = (name: JobName, lane?: string): Queue => {
    if (!JOB_NAMES.includes(name)) throw new UnrecoverableJobError(`unknown job name "${name}"`);
    const key = queueName(name, lane);
    let found = queues.get(key);
    if (!found) {
      found = new Queue(key, { connection, prefix });
      // Without a listener a Redis outage is an unhandled 'error' event that ends the process.
      found.on('error', (error) => onError(`${key} queue error`, error));
      queues.set(key, found);
      if (lane !== undefined) knownLanes.get(name)!.add(lane);
    }
    return found;
  };

  return {
    driver: 'bullmq',

    async add(name, data, addOptions = {}) {
      const adding = queue(name, addOptions.lane).add(name, data, {
        jobId: addOptions.jobId,
        delay: addOptions.delayMs,
        attempts: ATTEMPT_CEILING,
        backoff: { type: BACKOFF_TYPE },
        // Finished jobs are removed so that the same jobId can be queued again later
        // (recover() re-enqueues by row id); the rows themselves are the record.
        removeOnComplete: true,
        removeOnFail: true,
      });
      await withTimeout(adding, options.addTimeoutMs ?? 2000, `job queue: adding a "${name}" job timed out (is Redis down?)`);
    },

    every(name, everyMs) {
      // A job scheduler in Redis makes one job per period for all workers. It is upserted again
      // each period so a wiped Redis gets it back without a restart.
      const upsert = () =>
        closed
          ? Promise.resolve()
          : queue(name)
              .upsertJobScheduler(`every-${name}`, { every: everyMs }, { name, data: {}, opts: { removeOnComplete: true, removeOnFail: true } })
              .catch((error: unknown) => {
                if (!closed) onError(`cannot schedule "${name}"`, error);
              });
      void upsert();
      const timer = setInterval(() => void upsert(), everyMs);
      timer.unref();
      schedules.add(timer);
      return () => {
        clearInterval(timer);
        schedules.delete(timer);
      };
    },

    process(name, handler, workerOptions = {}) {
      if (workers.has(name)) throw new Error(`a handler for "${name}" jobs is already registered`);
      const policy = retryPolicy(workerOptions);
      const run = handler as JobHandler<JobName>;
      const consume = (lane: string | undefined, settings: LaneOptions) => {
        const key = queueName(name, lane);
        const worker: Worker = new Worker(
          key,
          async (job: Job, token?: string) => {
            const attempt = job.attemptsMade + 1;
            try {
              await run(job.data, { attempt, ...(lane === undefined ? {} : { lane }) });
            } catch (error) {
              if (error instanceof RateLimitedJobError) {
                if (error.scope === 'lane' && settings.limiter) {
                  // The whole lane waits (BullMQ's limiter, over every worker process); the job
                  // goes back to waiting without counting an attempt.
                  await queue(name, lane).rateLimit(error.delayMs);
                  throw Worker.RateLimitError();
                }
                // Back to the delayed set without counting an attempt, and without holding up
                // other jobs the way a queue-wide rate limit would.
                await job.moveToDelayed(Date.now() + error.delayMs, token);
                throw new DelayedError(error.message);
              }
              if (error instanceof UnrecoverableJobError || attempt >= policy.attempts) {
                onFailed(name, error);
                throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
              }
              throw error;
            }
          },
          {
            connection,
            prefix,
            concurrency: laneConcurrency(settings),
            ...(settings.limiter ? { limiter: { max: settings.limiter.max, duration: settings.limiter.durationMs } } : {}),
            // A platform's Retry-After may be long; the lane waits it out whole.
            maximumRateLimitDelay: MAX_LANE_PAUSE_MS,
            stalledInterval: options.stalledIntervalMs ?? 30_000,
            lockDuration: options.lockDurationMs ?? 30_000,
            maxStalledCount: options.maxStalledCount ?? 2,
            settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, policy.backoffMs) },
          },
        );
        // Connection errors are retried by ioredis; log them instead of crashing on an unhandled 'error'.
        worker.on('error', (error) => onError(`${key} worker error`, error));
        workers.set(key, worker);
        if (lane !== undefined) knownLanes.get(name)!.add(lane);
      };
      consume(undefined, workerOptions);
      for (const [lane, settings] of Object.entries(workerOptions.lanes ?? {})) consume(lane, settings);
    },

    async depth() {
      const counts = {} as Record<JobName, number>;
      for (const name of JOB_NAMES) {
        counts[name] = 0;
        for (const lane of [undefined, ...knownLanes.get(name)!]) {
          const c = await queue(name, lane).getJobCounts('wait', 'delayed', 'prioritized');
          counts[name] += Object.values(c).reduce((sum, n) => sum + n, 0);
        }
      }
      return counts;
    },

    async ping() {
      try {
        return (await (await queue('inbound').getBackend().client).runCommand('ping', [])) === 'PONG';
      } catch {
        return false;
      }
    },

    async close() {
      closed = true;
      schedules.forEach(clearInterval);
      schedules.clear();
      // Workers first: they finish running jobs, which may still add follow-up jobs.
      await Promise.all([...workers.values()].map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      workers.clear();
      queues.clear();
    },
  };
}
