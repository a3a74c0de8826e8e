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
  /** Deduplicates: adding a job whose id is already queued or running is a no-op. */
  readonly jobId?: string;
}

export interface WorkerOptions {
  readonly concurrency?: number;
  /** Attempts before the job fails for good (default 5), with exponential backoff. */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** At most `max` jobs per `durationMs` (per-channel send rate limits). */
  readonly limiter?: { readonly max: number; readonly durationMs: number };
}

export interface JobContext {
  /** 1 on the first try. */
  readonly attempt: number;
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

/** Rate limited: put the job back and try again after `delayMs`, without using up an attempt. */
export class RateLimitedJobError extends Error {
  override name = 'RateLimitedJobError';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}
