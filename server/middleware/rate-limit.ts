// A fixed-window request limit per key (client IP). The counts live in a LimitStore: in memory
// for one API process, or in Redis (REDIS_URL) so the limit holds across every API process.
import type { RequestHandler } from 'express';
import { SotongError } from '../../core/errors';
import { createMemoryLimitStore } from '../../limits/memory-limit-store';
import type { LimitStore } from '../../limits/types';

export interface RateLimitOptions {
  /** Names the bucket in the store, so two limits on the same IP count apart (e.g. 'web-chat'). */
  readonly name: string;
  /** Requests allowed per window. */
  readonly max: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
  /** Default: a store of its own in this process. */
  readonly store?: LimitStore;
  readonly key?: (req: Parameters<RequestHandler>[0]) => string;
  /**
   * Told when the store fails (Redis down). The request is then let through: a helpline that
   * answers nobody while Redis restarts is worse than a limit that lapses for that time.
   */
  readonly onStoreError?: (error: unknown) => void;
}

export function rateLimit(options: RateLimitOptions): RequestHandler {
  const store = options.store ?? createMemoryLimitStore();
  const keyOf = options.key ?? ((req) => req.ip ?? 'unknown');

  return async (req, res, next) => {
    let counted;
    try {
      counted = await store.hit(`${options.name}:${keyOf(req)}`, options.windowMs);
    } catch (error) {
      options.onStoreError?.(error);
      next();
      return;
    }
    if (counted.count > options.max) {
      const retryAfter = Math.max(1, Math.ceil(counted.resetMs / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      next(new SotongError('SOTONG_ERR_RATE_LIMITED', { params: { retryAfter } }));
      return;
    }
    next();
  };
}
