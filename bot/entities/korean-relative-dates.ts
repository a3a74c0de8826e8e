// Korean relative dates, resolved against the Seoul day of `now`: 오늘, 내일, 모레, 어제, 이번 주/
// 다음 주 월요일…일요일, 이번 주말, 다음 달, 3일 후, 이틀 뒤… Written with or without spaces
// ("다음주월요일"). A date is an ISO string; a span of days is { start, end }.
import type { Entity } from '../types';
import { matchEntities, type Resolved } from './entity';
import { addMonths, isoOf, mondayIndex, mondayOfWeek, monthRange, type DayNumber } from './seoul-calendar';

const WEEKDAYS = '월화수목금토일';
const WEEK_WORDS: Record<string, number> = {
  이번: 0,
  이: 0,
  금: 0,
  요번: 0,
  다음: 1,
  담: 1,
  다다음: 2,
  지난: -1,
  저번: -1,
};
const DAY_WORDS: Record<string, number> = {
  오늘: 0,
  내일: 1,
  모레: 2,
  글피: 3,
  어제: -1,
  어저께: -1,
  그제: -2,
  그저께: -2,
};
const COUNT_WORDS: Record<string, number> = { 하루: 1, 이틀: 2, 사흘: 3, 나흘: 4, 닷새: 5, 일주일: 7 };
const MONTH_WORDS: Record<string, number> = { 이번: 0, 이: 0, 요번: 0, 다음: 1, 담: 1, 다다음: 2, 지난: -1, 저번: -1 };

// Longest alternatives first so "다다음" is not read as "다음".
const WEEK_QUAL = '(다다음|다음|담|이번|요번|지난|저번|금|이)';
const S = '\\s{0,2}';

const WEEKDAY_IN_WEEK = new RegExp(`${WEEK_QUAL}${S}주${S}([${WEEKDAYS}])(?:요일|욜)`, 'g');
const BARE_WEEKDAY = new RegExp(`(?<![가-힣])(?:(?:이번|요번|오는|돌아오는)${S})?([${WEEKDAYS}])(?:요일|욜)`, 'g');
// "다음 주소", "이번 주민등록": 주 followed by these syllables starts another word.
const WEEK_OR_WEEKEND = new RegExp(`${WEEK_QUAL}${S}주(말)?(?![소민제식택의차문무사장인유요기행변위류력관간])`, 'g');
// "내일배움카드" is a training-voucher programme, not tomorrow.
const DAY_WORD = /(그저께|어저께|오늘|내일|모레|글피|어제|그제)(?!\s{0,2}배움)/g;
const MONTH = new RegExp(`(?:(다다음|다음|담|이번|요번|지난|저번)${S}달|(?<![가-힣])(이)달(?![리라])(?!력))`, 'g');
const COUNT_OFFSET = new RegExp(`(?:(\\d{1,3})${S}(일|주일|주|개월|달)|(하루|이틀|사흘|나흘|닷새|일주일))${S}(후|뒤|있다가|지나서|전)`, 'g');

function weekdayInWeek(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const weeks = WEEK_WORDS[m[1] ?? ''];
  const weekday = WEEKDAYS.indexOf(m[2] ?? '');
  if (weeks === undefined || weekday < 0) return undefined;
  return { type: 'date', value: isoOf(mondayOfWeek(today) + 7 * weeks + weekday) };
}

// A weekday on its own ("금요일에 가도 돼요?") means the next one, today included.
function bareWeekday(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const weekday = WEEKDAYS.indexOf(m[1] ?? '');
  if (weekday < 0) return undefined;
  return { type: 'date', value: isoOf(today + ((weekday - mondayIndex(today) + 7) % 7)) };
}

function weekOrWeekend(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const weeks = WEEK_WORDS[m[1] ?? ''];
  // "이주" is also 이주 (migration) and "금주" 금주 (abstinence): only their weekend forms count.
  if (weeks === undefined || ((m[1] === '이' || m[1] === '금') && !m[2])) return undefined;
  const monday = mondayOfWeek(today) + 7 * weeks;
  const [start, end] = m[2] ? [monday + 5, monday + 6] : [monday, monday + 6];
  return { type: 'daterange', value: { start: isoOf(start), end: isoOf(end) } };
}

function month(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const offset = MONTH_WORDS[m[1] ?? m[2] ?? ''];
  if (offset === undefined) return undefined;
  const { start, end } = monthRange(today, offset);
  return { type: 'daterange', value: { start: isoOf(start), end: isoOf(end) } };
}

function countOffset(today: DayNumber, m: RegExpExecArray): Resolved | undefined {
  const sign = m[4] === '전' ? -1 : 1;
  const count = m[1] !== undefined ? Number(m[1]) : COUNT_WORDS[m[3] ?? ''];
  if (count === undefined) return undefined;
  const unit = m[2] ?? '일';
  const day = unit === '개월' || unit === '달' ? addMonths(today, sign * count) : today + sign * count * (unit === '주' || unit === '주일' ? 7 : 1);
  return { type: 'date', value: isoOf(day) };
}

/** Korean relative date expressions in `folded` (width-folded `input`). */
export function koreanRelativeDates(input: string, folded: string, today: DayNumber): Entity[] {
  const at = (rule: (today: DayNumber, m: RegExpExecArray) => Resolved | undefined) => (m: RegExpExecArray) => rule(today, m);
  return [
    ...matchEntities(input, folded, WEEKDAY_IN_WEEK, at(weekdayInWeek)),
    ...matchEntities(input, folded, BARE_WEEKDAY, at(bareWeekday)),
    ...matchEntities(input, folded, WEEK_OR_WEEKEND, at(weekOrWeekend)),
    ...matchEntities(input, folded, DAY_WORD, (m) => {
      const offset = DAY_WORDS[m[1] ?? ''];
      return offset === undefined ? undefined : { type: 'date', value: isoOf(today + offset) };
    }),
    ...matchEntities(input, folded, MONTH, at(month)),
    ...matchEntities(input, folded, COUNT_OFFSET, at(countOffset)),
  ];
}
