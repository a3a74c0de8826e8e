// Login rate limiting, three counters over one window (default 15 min):
//   IP + account   5 failures, then 429 for that pair only;
//   IP             20 failures over any accounts (one password sprayed over many emails);
//   account        25 failures from every IP together: a slower back-off against a distributed
//                  guess. An IP counts here only while it is under its own limits, so one IP adds
//                  at most 5 and can never lock a user out by itself.
// An attempt is counted BEFORE the password hash runs, so a burst of concurrent guesses is
// throttled rather than all checked. A success clears its IP + account counter and takes its own
// attempt back from the other two. Attempts live in the database, so every API process sees them.
import { normalizeEmail } from './user-repository';

export interface LoginLimitPolicy {
  /** Failed attempts allowed per IP and account per window (default 5). */
  readonly maxFailures: number;
  /** Window in milliseconds (default 15 min). */
  readonly windowMs: number;
  /** Failed attempts allowed per IP over all accounts (default 20). */
  readonly maxFailuresPerIp?: number;
  /** Failed attempts allowed per account over all IPs (default 25). */
  readonly maxFailuresPerAccount?: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitPolicy = { maxFailures: 5, windowMs: 15 * 60_000, maxFailuresPerIp: 20, maxFailuresPerAccount: 25 };

export function loginKey(ip: string, email: string): string {
  return `${ip}|${normalizeEmail(email)}`;
}
const ipKey = (ip: string) => `ip:${ip}`;
const accountKey = (email: string) => `account:${normalizeEmail(email)}`;

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
  /** Records one attempt; returns its id. */
  record(key: string, at: Date): Promise<string>;
  /** Takes back the attempts with these ids. */
  remove(ids: readonly string[]): Promise<void>;
  clear(key: string): Promise<void>;
  /** Drops failures older than `before`, for every key. */
  prune(before: Date): Promise<void>;
}

/** One counted attempt: settle it with `succeed` when the password was right. */
export interface LoginAttempt {
  readonly lockout: Lockout;
  readonly ids: readonly string[];
  readonly key: string;
}

export class LoginLimiter {
  private readonly counters: ReadonlyArray<{ key: (ip: string, email: string) => string; max: number }>;

  constructor(
    private readonly failures: LoginFailures,
    private readonly policy: LoginLimitPolicy = DEFAULT_LOGIN_LIMIT,
  ) {
    this.counters = [
      { key: loginKey, max: policy.maxFailures },
      { key: (ip) => ipKey(ip), max: policy.maxFailuresPerIp ?? DEFAULT_LOGIN_LIMIT.maxFailuresPerIp! },
      { key: (_ip, email) => accountKey(email), max: policy.maxFailuresPerAccount ?? DEFAULT_LOGIN_LIMIT.maxFailuresPerAccount! },
    ];
  }

  /**
   * Counts an attempt as a failure up front, counter by counter, stopping at the first one over
   * its limit (so the later, wider counters only see attempts the narrower ones allowed).
   */
  async attempt(ip: string, email: string, now: Date = new Date()): Promise<LoginAttempt> {
    const since = new Date(now.getTime() - this.policy.windowMs);
    await this.failures.prune(since);
    const ids: string[] = [];
    for (const counter of this.counters) {
      const key = counter.key(ip, email);
      ids.push(await this.failures.record(key, now));
      // Our own attempt is in the count: more than `max` means this one is over the limit.
      const lockout = lockoutFor(await this.failures.recent(key, since), now, { maxFailures: counter.max + 1, windowMs: this.policy.windowMs });
      if (lockout.locked) return { lockout, ids, key: loginKey(ip, email) };
    }
    return { lockout: { locked: false }, ids, key: loginKey(ip, email) };
  }

  /** The password was right: the pair starts afresh, and this attempt is not held against the IP or the account. */
  async succeed(attempt: LoginAttempt): Promise<void> {
    await this.failures.remove(attempt.ids);
    await this.failures.clear(attempt.key);
  }
}
