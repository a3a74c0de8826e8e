// Counters behind every request limit: the web-chat and X CRC rate limits (fixed windows) and the
// event-stream caps (slots held while a stream is open). In memory for one API process, or in
// Redis when REDIS_URL is set so a limit holds across every API process.

export interface WindowCount {
  /** Hits on the key in the current window, this one included. */
  readonly count: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** A held slot: renew it while the stream lives, release it when the stream closes. */
export interface Lease {
  renew(): Promise<void>;
  release(): Promise<void>;
}

export interface LimitStore {
  /** Counts one hit on `key` in a fixed window of `windowMs` that starts at the key's first hit. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /**
   * Takes one slot on every key, all or none: null when any key already holds `max`. A slot whose
   * lease is not renewed within `leaseMs` is freed, so a process that dies gives its slots back.
   */
  acquire(slots: ReadonlyArray<{ readonly key: string; readonly max: number }>, leaseMs: number): Promise<Lease | null>;
  close(): Promise<void>;
}
