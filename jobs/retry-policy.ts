// Retry rules shared by both drivers, so a job behaves the same on one machine and on Redis.
import type { LaneOptions, WorkerOptions } from './types';

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_CONCURRENCY = 1;
/** Longest wait between two attempts, however many have failed. */
export const MAX_BACKOFF_MS = 10 * 60_000;

export interface RetryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly concurrency: number;
}

export function retryPolicy(options: WorkerOptions = {}): RetryPolicy {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const concurrency = laneConcurrency(options);
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be an integer >= 1, got ${attempts}`);
  if (!(backoffMs >= 0)) throw new RangeError(`backoffMs must be >= 0, got ${backoffMs}`);
  for (const lane of Object.values(options.lanes ?? {})) laneConcurrency(lane);
  return { attempts, backoffMs, concurrency };
}

/** A lane's concurrency (default 1), after checking it and the lane's limiter. */
export function laneConcurrency(options: LaneOptions): number {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  if (options.limiter && !(options.limiter.max >= 1 && options.limiter.durationMs > 0)) {
    throw new RangeError(`limiter needs max >= 1 and durationMs > 0, got ${JSON.stringify(options.limiter)}`);
  }
  return concurrency;
}

/** Wait before the next try after `failures` failed attempts: backoffMs, 2×, 4×, … capped. */
export function backoffDelay(failures: number, backoffMs: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}
