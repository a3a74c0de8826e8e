// Turning a platform's "try again at/after" hints into a delay for RetryableSendError.

export interface DelayOptions {
  /** Added to every delay so we wake after the window really reset (ms). Default 1000. */
  readonly marginMs?: number;
  /** Up to this much random delay on top, so queued replies do not all wake at once (ms). Default 1000. */
  readonly jitterMs?: number;
  readonly random?: () => number;
}

function padded(baseMs: number, options: DelayOptions): number {
  const margin = options.marginMs ?? 1000;
  const jitter = (options.jitterMs ?? 1000) * (options.random ?? Math.random)();
  return Math.max(0, Math.round(baseMs)) + margin + Math.round(jitter);
}

/** Delay until an epoch-seconds reset time (X `x-rate-limit-reset`). */
export function delayUntilEpochSeconds(resetSeconds: number, nowMs: number, options: DelayOptions = {}): number {
  return padded(resetSeconds * 1000 - nowMs, options);
}

/** Delay from an HTTP `Retry-After` header: delta-seconds or an HTTP date. undefined if absent/unreadable. */
export function delayFromRetryAfter(header: string | null | undefined, nowMs: number, options: DelayOptions = {}): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return padded(Number(trimmed) * 1000, options);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : padded(at - nowMs, options);
}
