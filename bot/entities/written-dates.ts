// Dates written out: 2025-03-04, 2025.3.4, 2025/03/04, 2025년 3월 4일, and 3월 4일 without a year.
import type { Entity } from '../types';
import { matchEntities, type Resolved } from './entity';
import { dayOf, isoOf, isRealDate, partsOf, type DayNumber } from './seoul-calendar';

const S = '\\s{0,2}';
const NUMERIC = /(?<![\d.])((?:19|20)\d{2})([-./])(\d{1,2})\2(\d{1,2})(?![\d])/g;
const KOREAN = new RegExp(`(?<!\\d)(?:((?:19|20)\\d{2})${S}년${S})?(\\d{1,2})${S}월${S}(\\d{1,2})${S}일`, 'g');

function resolved(year: number, month: number, day: number): Resolved | undefined {
  return isRealDate(year, month, day) ? { type: 'date', value: isoOf(dayOf(year, month, day)) } : undefined;
}

// Without a year, the reading closest to today: "1월 5일" written on 20 December is next January.
function nearestYear(today: DayNumber, month: number, day: number): Resolved | undefined {
  const { year } = partsOf(today);
  const candidates = [year - 1, year, year + 1].filter((y) => isRealDate(y, month, day));
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (Math.abs(dayOf(b, month, day) - today) < Math.abs(dayOf(a, month, day) - today) ? b : a));
  return resolved(best, month, day);
}

export function writtenDates(input: string, folded: string, today: DayNumber): Entity[] {
  return [
    ...matchEntities(input, folded, NUMERIC, (m) => resolved(Number(m[1]), Number(m[3]), Number(m[4]))),
    ...matchEntities(input, folded, KOREAN, (m) =>
      m[1] !== undefined ? resolved(Number(m[1]), Number(m[2]), Number(m[3])) : nearestYear(today, Number(m[2]), Number(m[3])),
    ),
  ];
}
