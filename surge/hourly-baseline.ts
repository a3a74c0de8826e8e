// The same-hour baseline: how many messages a key (an intent or a region) usually gets at this
// clock hour, as an EWMA over the same hour on the previous days, so a rate that is normal for
// the time of day (the 9 o'clock rush) does not open a surge. Pure: hours are integers (epoch ms
// / 3 600 000) given by the caller, and the counts come from the store (surge-repository.ts).

export const HOUR_MS = 3_600_000;
export const hourOf = (at: Date): number => Math.floor(at.getTime() / HOUR_MS);

export interface HourlyCount {
  readonly key: string;
  readonly hour: number;
  readonly count: number;
}

/** Counts per key of the hours being recorded, for the repository to keep (never decreasing). */
export class HourlyTally {
  private readonly hours = new Map<number, Map<string, number>>();

  add(key: string, at: Date): void {
    const hour = hourOf(at);
    let keys = this.hours.get(hour);
    if (!keys) this.hours.set(hour, (keys = new Map()));
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }

  /** Every count held, and forgets hours before `keepFrom` (already written, and final). */
  rows(keepFrom: number): HourlyCount[] {
    const out: HourlyCount[] = [];
    for (const [hour, keys] of this.hours) {
      for (const [key, count] of keys) out.push({ key, hour, count });
      if (hour < keepFrom) this.hours.delete(hour);
    }
    return out;
  }
}

/** The hours the baseline of `hour` reads: the same clock hour on each of the previous `days`. */
export function sameHourOnPreviousDays(hour: number, days: number): number[] {
  return Array.from({ length: days }, (_, i) => hour - 24 * (i + 1));
}

/**
 * Per key, the EWMA (weight `alpha` on the newer day) of its per-minute rate at the same hour on
 * the previous days, oldest day first. Only days with any count count: a day the service was not
 * recording says nothing, while on a recorded day a key without a count had none.
 */
export function sameHourBaseline(counts: readonly HourlyCount[], hour: number, days: number, alpha: number): Map<string, number> {
  const byHour = new Map<number, Map<string, number>>();
  for (const c of counts) {
    let keys = byHour.get(c.hour);
    if (!keys) byHour.set(c.hour, (keys = new Map()));
    keys.set(c.key, (keys.get(c.key) ?? 0) + c.count);
  }
  const keys = new Set(counts.map((c) => c.key));
  const out = new Map<string, number>();
  for (const h of sameHourOnPreviousDays(hour, days).reverse()) {
    const day = byHour.get(h);
    if (!day) continue;
    for (const key of keys) {
      const perMin = (day.get(key) ?? 0) / 60;
      const before = out.get(key);
      out.set(key, before === undefined ? perMin : alpha * perMin + (1 - alpha) * before);
    }
  }
  return out;
}
