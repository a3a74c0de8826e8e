// Holiday names in text (설날, 설 연휴, 구정, 추석, 한가위, 명절, 올해 추석, 2026년 설…) resolved to
// the days off. 명절 alone means whichever of 설날/추석 comes next. A bare "설" is not matched:
// it starts too many words (설명, 설치, 설정).
import type { Entity } from '../types';
import { matchEntities, type Resolved } from './entity';
import { holidayBreak, nextHolidayBreak, type LunarHoliday } from './holiday-calendar';
import { partsOf, type DayNumber } from './seoul-calendar';

const S = '\\s{0,2}';
const HOLIDAY = new RegExp(
  `(?:(올해|금년|내년|작년|((?:19|20)\\d{2})${S}년)${S})?` + `(?:(설날|구정|설(?=${S}(?:연휴|명절|당일)))|(추석|한가위)|(명절))(?:${S}(?:연휴|명절|당일))?`,
  'g',
);
const YEAR_WORDS: Record<string, number> = { 올해: 0, 금년: 0, 내년: 1, 작년: -1 };

function resolveHoliday(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const which: LunarHoliday | undefined = m[3] ? 'seollal' : m[4] ? 'chuseok' : undefined;
  const year = m[2] ? Number(m[2]) : m[1] ? partsOf(today).year + (YEAR_WORDS[m[1]] ?? 0) : undefined;
  const candidates = which ? [which] : (['seollal', 'chuseok'] as const);
  const breaks = candidates
    .map((h) => (year === undefined ? nextHolidayBreak(h, today) : holidayBreak(h, year)))
    .filter((b) => b !== undefined)
    .sort((a, b) => a.start.localeCompare(b.start));
  // Outside the table's years the holiday is still named, without dates.
  const value = breaks[0] ?? { holiday: which ?? 'myeongjeol', year: year ?? null };
  return { type: 'holiday', value };
}

export function koreanHolidays(input: string, folded: string, today: DayNumber): Entity[] {
  return matchEntities(input, folded, HOLIDAY, (m) => resolveHoliday(today, m));
}
