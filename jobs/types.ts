// One job interface, two drivers: jobs/in-process-driver.ts (single machine, the default) and
// jobs/bullmq-driver.ts (Redis, when REDIS_URL is set). Domain code sees only this file.

export interface JobPayloads {
  /** Triage one stored inbound message. */
  inbound: { messageId: string };
  /** Send one outbox row through its channel. */
  outbound: { outboxId: string };
  /** Check a handoff ticket's SLA deadline. */
  sla: { ticketId: string; deadline: string };
  /** One run of surge detection (surge/create-surge.ts); repeated with every(). */
  surge: Record<string, never>;
  /** Check the official link due next (freshness/link-check-job.ts); re-adds itself for the next slot. */
  'link-check': { slot: number };
  /** Re-queue work stuck past its timeout (pipeline/sweep.ts); repeated with every(). */
  sweep: Record<string, never>;
}
export type JobName = keyof JobPayloads;
/** Jobs run on a period by every() rather than added one by one. */
export type RepeatableJobName = 'sweep' | 'surge';
export const JOB_NAMES: readonly JobName[] = ['inbound', 'outbound', 'sla', 'surge', 'sweep', 'link-check'];

export interface AddOptions {
  /** Run no earlier than this many ms from now (delayed job). */
  readonly delayMs?: number;
  /** Deduplicates: adding a job whose id is already queued or running is a no-op (within its lane). */
  readonly jobId?: string;
  /**
   * The lane to queue it in: a queue of its own for this kind of job (one per platform for
   * `outbound`), with its own concurrency and rate limit, so a throttled lane never holds up
   * another. Unset: the kind's default lane. Lanes are consumed only if process() names them.
   */
  readonly lane?: string;
}

/** What a lane of its own may set; the rest (attempts, backoff) is the job kind's. */
export interface LaneOptions {
  readonly concurrency?: number;
  /** At most `max` jobs started per `durationMs` in this lane, over all worker processes. */
  readonly limiter?: { readonly max: number; readonly durationMs: number };
}

export interface WorkerOptions {
  readonly concurrency?: number;
  /** Attempts before the job fails for good (default 5), with exponential backoff. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** At most `max` jobs per `durationMs` in the default lane. */
  readonly limiter?: { readonly max: number; readonly durationMs: number };
  /** Further lanes consumed with the same handler, each with its own concurrency and limiter. */
  readonly lanes?: Readonly<Record<string, LaneOptions>>;
}

export interface JobContext {
  /** 1 on the first try. */
  readonly attempt: number;
  /** The lane the job was queued in (unset: the default lane). */
  readonly lane?: string;
}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], ctx: JobContext) => Promise<void>;

export interface JobQueue {
  readonly driver: 'in-process' | 'bullmq';
  add<N extends JobName>(name: N, data: JobPayloads[N], options?: AddOptions): Promise<void>;
  /** Start consuming `name` in this process. */
  process<N extends JobName>(name: N, handler: JobHandler<N>, options?: WorkerOptions): void;
  /**
   * Runs the job `name` (empty payload) every `everyMs`, once per period however many worker
   * processes call this. Survives the queue's storage being wiped (every process calling this
   * sets it up again each period). Returns a function that stops this process re-creating it.
   */
  every(name: RepeatableJobName, everyMs: number): () => void;
  /** Jobs waiting or delayed, per queue. */
  depth(): Promise<Record<JobName, number>>;
  ping(): Promise<boolean>;
  /** Stop taking new jobs, wait for running ones, release connections. */
  close(): Promise<void>;
}

/** A bad payload: never retry. */
export class UnrecoverableJobError extends Error {
  override name = 'UnrecoverableJobError';
}

/**
 * Rate limited: put the job back and try again after `delayMs`, without using up an attempt.
 * `scope: 'lane'` (a platform answered 429): the job's whole lane waits that long, since every
 * other job in it would be refused too; other lanes go on.
 */
export class RateLimitedJobError extends Error {
  override name = 'RateLimitedJobError';
  constructor(
    message: string,
    readonly delayMs: number,
    readonly scope: 'job' | 'lane' = 'job',
  ) {
    super(message);
  }
}
