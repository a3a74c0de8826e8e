// 설날 and 추석 fall on lunar dates (1/1 and 8/15 of the Korean lunar calendar). The solar dates
// below are those of the official public-holiday announcements (인사혁신처 관공서 공휴일, from
// 한국천문연구원's 월력요항); years not yet announced come from KASI's published lunar tables.
// A test checks every entry against ICU's Korean (dangi) calendar.
import { dayOf, isoOf, mondayIndex, partsOf, type DayNumber } from './seoul-calendar';

export type LunarHoliday = 'seollal' | 'chuseok';

const LUNAR_HOLIDAY_DATES: Readonly<Record<LunarHoliday, Readonly<Record<number, string>>>> = {
  seollal: {
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-07',
    2028: '2028-01-27',
    2029: '2029-02-13',
    2030: '2030-02-03',
  },
  chuseok: {
    2024: '2024-09-17',
    2025: '2025-10-06',
    2026: '2026-09-25',
    2027: '2027-09-15',
    2028: '2028-10-03',
    2029: '2029-09-22',
    2030: '2030-09-12',
  },
};

export const FIRST_TABLE_YEAR = 2024;
export const LAST_TABLE_YEAR = 2030;

// Fixed-date public holidays (MM-DD) that can collide with a lunar holiday break.
const FIXED_HOLIDAYS = new Set(['01-01', '03-01', '05-05', '06-06', '08-15', '10-03', '10-09', '12-25']);

export interface HolidayBreak {
  readonly holiday: LunarHoliday;
  readonly year: number;
  /** The holiday itself (설날 / 추석 day). */
  readonly day: string;
  /** First and last day off, substitute holiday included. */
  readonly start: string;
  readonly end: string;
}

function isSundayOrFixedHoliday(day: DayNumber): boolean {
  const { month, day: dom } = partsOf(day);
  const mmdd = `${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
  return mondayIndex(day) === 6 || FIXED_HOLIDAYS.has(mmdd);
}

/**
 * The break is the day before, the day and the day after. Under 관공서의 공휴일에 관한 규정 §3,
 * each of those days that is also a Sunday or another public holiday adds a substitute day: the
 * first following day that is neither (Saturdays do not count for 설날/추석).
 */
export function holidayBreak(holiday: LunarHoliday, year: number): HolidayBreak | undefined {
  const iso = LUNAR_HOLIDAY_DATES[holiday][year];
  if (!iso) return undefined;
  const day = dayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
  let end = day + 1;
  let owed = [day - 1, day, day + 1].filter(isSundayOrFixedHoliday).length;
  while (owed > 0) {
    end += 1;
    if (!isSundayOrFixedHoliday(end)) owed -= 1;
  }
  return { holiday, year, day: iso, start: isoOf(day - 1), end: isoOf(end) };
}

/** The break of `holiday` that is under way or next after `today`. */
export function nextHolidayBreak(holiday: LunarHoliday, today: DayNumber): HolidayBreak | undefined {
  const todayIso = isoOf(today);
  for (let y = partsOf(today).year - 1; y <= LAST_TABLE_YEAR; y++) {
    const b = holidayBreak(holiday, y);
    if (b && b.end >= todayIso) return b;
  }
  return undefined;
}
