// Counts per key (intent, region, topic cluster) in 1-minute buckets over a sliding window, and a
// baseline per key: an EWMA of the per-minute count of the minutes that have left the window, so
// a burst inside the window never raises its own baseline. Pure; minutes are integers
// (epoch ms / 60 000) given by the caller, so a test drives time by hand.

interface KeyState {
  /** minute → count, only minutes inside the window. */
  readonly minutes: Map<number, number>;
  total: number;
  ewma: number;
  /** The last minute folded into `ewma`. */
  foldedUpTo: number;
}

export class RateWindow {
  private readonly keys = new Map<string, KeyState>();
  private windowEnd = -Infinity;

  /**
   * @param windowMinutes length of the sliding window
   * @param alpha EWMA weight of the newest minute (0 < alpha ≤ 1)
   */
  constructor(
    readonly windowMinutes: number,
    private readonly alpha: number,
  ) {}

  add(key: string, minute: number, by = 1): void {
    if (minute <= this.windowEnd - this.windowMinutes) return; // already outside the window
    let state = this.keys.get(key);
    if (!state) {
      state = { minutes: new Map(), total: 0, ewma: 0, foldedUpTo: minute - this.windowMinutes };
      this.keys.set(key, state);
    }
    state.minutes.set(minute, (state.minutes.get(minute) ?? 0) + by);
    state.total += by;
  }

  /** Moves the window to end at `minute` (inclusive): older minutes fold into the baselines. */
  advance(minute: number): void {
    if (minute <= this.windowEnd) return;
    this.windowEnd = minute;
    const oldest = minute - this.windowMinutes + 1;
    for (const [key, state] of this.keys) {
      const leaving = [...state.minutes.keys()].filter((m) => m < oldest).sort((a, b) => a - b);
      for (const m of leaving) {
        this.fold(state, m, state.minutes.get(m)!);
        state.total -= state.minutes.get(m)!;
        state.minutes.delete(m);
      }
      this.fold(state, oldest - 1, 0);
      if (state.total === 0 && state.ewma < 1e-3) this.keys.delete(key);
    }
  }

  /** Moves `from`'s counts and baseline onto `into` (two topic clusters became one). */
  move(from: string, into: string): void {
    const a = this.keys.get(from);
    if (!a) return;
    for (const [m, n] of a.minutes) this.add(into, m, n);
    const b = this.keys.get(into);
    if (b) b.ewma += a.ewma;
    this.keys.delete(from);
  }

  count(key: string): number {
    return this.keys.get(key)?.total ?? 0;
  }

  /** Counts for each minute of the window, oldest first. */
  perMinute(key: string): number[] {
    const state = this.keys.get(key);
    return Array.from({ length: this.windowMinutes }, (_, i) => state?.minutes.get(this.windowEnd - this.windowMinutes + 1 + i) ?? 0);
  }

  /** The key's usual per-minute rate before the window, never below `floor`. */
  baseline(key: string, floor: number): number {
    return Math.max(floor, this.keys.get(key)?.ewma ?? 0);
  }

  *entries(): IterableIterator<[string, number]> {
    for (const [key, state] of this.keys) if (state.total > 0) yield [key, state.total];
  }

  /** Folds minute `m` with `count` into the EWMA, decaying through any silent minutes before it. */
  private fold(state: KeyState, m: number, count: number): void {
    if (m <= state.foldedUpTo) return;
    const silent = m - state.foldedUpTo - 1;
    if (silent > 0) state.ewma *= Math.pow(1 - this.alpha, Math.min(silent, 10_000));
    state.ewma = this.alpha * count + (1 - this.alpha) * state.ewma;
    state.foldedUpTo = m;
  }
}
