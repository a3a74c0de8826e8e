// Login rate limiting: at most `maxFailures` failed sign-ins per (client IP, email) within
// `windowMs`; past that, 429 until the oldest failure in the window ages out. Failures live in
// the database so every API process sees the same count. A success clears the key.
import { normalizeEmail } from './user-repository';

export interface LoginLimitPolicy {
  /** Failed attempts allowed per window (default 5). */
  readonly maxFailures: number;
  /** Window in milliseconds (default 15 min). */
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitPolicy = { maxFailures: 5, windowMs: 15 * 60_000 };

export function loginKey(ip: string, email: string): string {
  return `${ip}|${normalizeEmail(email)}`;
}

export type Lockout = { readonly locked: false } | { readonly locked: true; readonly retryAfterSeconds: number };

/** Pure: `failures` are the failure times inside the window, oldest first. */
export function lockoutFor(failures: readonly Date[], now: Date, policy: LoginLimitPolicy): Lockout {
  const recent = failures.filter((at) => now.getTime() - at.getTime() < policy.windowMs);
  if (recent.length < policy.maxFailures) return { locked: false };
  // Once this one leaves the window, fewer than maxFailures remain.
  const freeing = recent[recent.length - policy.maxFailures]!;
  const ms = freeing.getTime() + policy.windowMs - now.getTime();
  return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

export interface LoginFailures {
  /** Failure times for `key` since `since`, oldest first. */
  recent(key: string, since: Date): Promise<Date[]>;
  record(key: string, at: Date): Promise<void>;
  clear(key: string): Promise<void>;
  /** Drops failures older than `before`, for every key. */
  prune(before: Date): Promise<void>;
}

export class LoginLimiter {
  constructor(
    private readonly failures: LoginFailures,
    private readonly policy: LoginLimitPolicy = DEFAULT_LOGIN_LIMIT,
  ) {}

  async check(key: string, now: Date = new Date()): Promise<Lockout> {
    const since = new Date(now.getTime() - this.policy.windowMs);
    return lockoutFor(await this.failures.recent(key, since), now, this.policy);
  }

  async fail(key: string, now: Date = new Date()): Promise<void> {
    await this.failures.record(key, now);
    // Failures are rare, so dropping the expired ones here keeps the table small at no real cost.
    await this.failures.prune(new Date(now.getTime() - this.policy.windowMs));
  }

  async succeed(key: string): Promise<void> {
    await this.failures.clear(key);
  }
}
