// Explicit load shedding. Under overload a platform webhook is still acked and its message queued
// (Meta, X and Kakao would resend, or drop, what we refuse, and the message is stored in one
// statement). The web chat is the one path that does its work inline (triage in the API process),
// and its client can simply send again: when the backlog is past the limit, a web-chat POST is
// answered 503 with Retry-After before any work is done, and nothing is stored.
// Overloaded means either of two things. The backlog is past the limit: what was received but not
// yet triaged (inbound jobs waiting for a worker, plus webhook requests still being stored). Or
// this process is saturated: its event loop was busy nearly all of the last two sampling windows
// (one window is not enough: a single long task, such as loading a model, fills the window it
// falls in, and a citizen's next message would be refused for it). On
// the embedded default one process does everything, so the backlog waits in the operating system
// (requests not yet read) where no count can see it; only the busy loop shows it.
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import { SotongError } from '../core/errors';
import type { JobQueue } from '../jobs/types';

export interface LoadGaugeOptions {
  readonly jobs: Pick<JobQueue, 'depth'>;
  /** Inbound jobs waiting past which the web chat is shed (0: never). */
  readonly maxInboundBacklog: number;
  /** How often the backlog is read (ms, default 500); requests read the last value, never the queue. */
  readonly sampleMs?: number;
  /** Share of a sampling window the event loop may be busy before the process counts as saturated (default 0.97). */
  readonly maxEventLoopUtilization?: number;
  readonly onError?: (error: unknown) => void;
}

export interface LoadGauge {
  /** Seconds a shed client should wait, or undefined when there is room. */
  shedFor(): number | undefined;
  /** A webhook request began (call the returned function when it is answered). */
  received(): () => void;
  /** Reads the backlog now (the timer does it every sampleMs). */
  sample(): Promise<void>;
  stop(): void;
}

const MIN_RETRY_S = 2;
const MAX_RETRY_S = 60;
/** When the backlog is not shrinking there is no drain rate to go by. */
const DEFAULT_RETRY_S = 10;
const DEFAULT_MAX_ELU = 0.97;
/** Busy windows in a row that make the process saturated. */
const SATURATED_WINDOWS = 2;

export function createLoadGauge(options: LoadGaugeOptions): LoadGauge {
  const limit = options.maxInboundBacklog;
  let queued = 0;
  let inFlight = 0;
  let last: { backlog: number; at: number } | undefined;
  let retryAfter = DEFAULT_RETRY_S;
  let saturated = false;
  let busyWindows = 0;
  let loop = performance.eventLoopUtilization();

  const sample = async () => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, loop).utilization >= (options.maxEventLoopUtilization ?? DEFAULT_MAX_ELU);
    busyWindows = busy ? busyWindows + 1 : 0;
    saturated = busyWindows >= SATURATED_WINDOWS;
    loop = now;
    try {
      queued = (await options.jobs.depth()).inbound;
      const backlog = queued + inFlight;
      const at = Date.now();
      // Until the backlog is back under the limit, at the rate it shrank since the last reading.
      const drainPerSecond = last && at > last.at ? ((last.backlog - backlog) * 1000) / (at - last.at) : 0;
      const estimate = drainPerSecond > 0 ? Math.ceil((backlog - limit + 1) / drainPerSecond) : DEFAULT_RETRY_S;
      retryAfter = Math.min(MAX_RETRY_S, Math.max(MIN_RETRY_S, estimate));
      last = { backlog, at };
    } catch (error) {
      // The queue does not answer: /readyz reports that; shedding keeps its last reading.
      options.onError?.(error);
    }
  };
  const timer = limit > 0 ? setInterval(() => void sample(), options.sampleMs ?? 500) : undefined;
  timer?.unref();
  return {
    shedFor: () => (limit > 0 && (saturated || queued + inFlight >= limit) ? retryAfter : undefined),
    received() {
      inFlight += 1;
      let done = false;
      return () => {
        if (!done) inFlight -= 1;
        done = true;
      };
    },
    sample,
    stop: () => clearInterval(timer),
  };
}

/** Counts webhook requests until they are answered (or their connection closes). */
export function countInFlight(gauge: Pick<LoadGauge, 'received'>): RequestHandler {
  return (_req, res, next) => {
    const answered = gauge.received();
    res.once('finish', answered);
    res.once('close', answered);
    next();
  };
}

/** 503 + Retry-After while the gauge says the pipeline is overloaded. */
export function shedWhenOverloaded(gauge: Pick<LoadGauge, 'shedFor'>): RequestHandler {
  return (_req, res, next) => {
    const retryAfter = gauge.shedFor();
    if (retryAfter === undefined) return next();
    res.setHeader('Retry-After', String(retryAfter));
    next(new SotongError('SOTONG_ERR_OVERLOADED', { params: { retryAfter } }));
  };
}
