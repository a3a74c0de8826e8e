// A fixed-window request limit per key (client IP). In memory, so the limit is per API process:
// with several API processes behind a proxy, each allows `max` per window.
import type { RequestHandler } from 'express';
import { SotongError } from '../../core/errors';

export interface RateLimitOptions {
  /** Requests allowed per window. */
  readonly max: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
  readonly key?: (req: Parameters<RequestHandler>[0]) => string;
  readonly now?: () => number;
}

export function rateLimit(options: RateLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const keyOf = options.key ?? ((req) => req.ip ?? 'unknown');
  const windows = new Map<string, { start: number; count: number }>();

  return (req, res, next) => {
    const t = now();
    // Old windows are dropped lazily so the map cannot grow without bound.
    if (windows.size > 10_000) {
      for (const [key, w] of windows) if (t - w.start >= options.windowMs) windows.delete(key);
    }
    const key = keyOf(req);
    let window = windows.get(key);
    if (!window || t - window.start >= options.windowMs) {
      window = { start: t, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.max) {
      const retryAfter = Math.max(1, Math.ceil((window.start + options.windowMs - t) / 1000));
      res.setHeader('Retry-After', String(retryAfter));
      next(new SotongError('SOTONG_ERR_RATE_LIMITED', { params: { retryAfter } }));
      return;
    }
    next();
  };
}
