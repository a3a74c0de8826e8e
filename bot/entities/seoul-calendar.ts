// Calendar arithmetic on whole days in Asia/Seoul. Korea has had no daylight saving time since
// 1988, so a Seoul day is a UTC day shifted by nine hours and needs no time-zone database.
// Days are counted from 1970-01-01 ("day numbers") so adding, comparing and weekday maths are
// integer operations.

const MS_PER_DAY = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000;

export type DayNumber = number;

/** The Seoul calendar day `now` falls in. */
export function seoulDay(now: Date): DayNumber {
  return Math.floor((now.getTime() + SEOUL_OFFSET_MS) / MS_PER_DAY);
}

export function dayOf(year: number, month: number, day: number): DayNumber {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** { year, month (1–12), day } of a day number. */
export function partsOf(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isoOf(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday: Korean weeks (이번 주, 다음 주) start on Monday. */
export function mondayIndex(day: DayNumber): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOfWeek(day: DayNumber): DayNumber {
  return day - mondayIndex(day);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day-of-month `months` later, clamped to the month's last day (1월 31일 + 1달 → 2월 28일). */
export function addMonths(day: DayNumber, months: number): DayNumber {
  const { year, month, day: dom } = partsOf(day);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dayOf(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(dom, last));
}

/** First and last day of the month `offset` months from the month of `day`. */
export function monthRange(day: DayNumber, offset: number): { start: DayNumber; end: DayNumber } {
  const { year, month } = partsOf(day);
  const start = Date.UTC(year, month - 1 + offset, 1) / MS_PER_DAY;
  const end = Date.UTC(year, month + offset, 0) / MS_PER_DAY;
  return { start, end };
}

/** A Date whose *local* fields read as Seoul's wall clock at `now` (for libraries that use local time). */
export function seoulWallClock(now: Date): Date {
  const s = new Date(now.getTime() + SEOUL_OFFSET_MS);
  return new Date(s.getUTCFullYear(), s.getUTCMonth(), s.getUTCDate(), s.getUTCHours(), s.getUTCMinutes(), s.getUTCSeconds());
}
