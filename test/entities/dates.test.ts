import { extractEntities, holidayBreak } from '../../bot/entities';
import type { Entity } from '../../bot/types';

// 2025-03-04T15:30Z is Wednesday 2025-03-05 00:30 in Seoul: the Seoul day must win over UTC's.
const now = new Date('2025-03-04T15:30:00Z');
const ko = (text: string): Entity[] => extractEntities(text, { now, language: 'ko' });
const only = (text: string): { type: string; text: string; value: unknown } => {
  const found = ko(text).filter((e) => e.type === 'date' || e.type === 'daterange' || e.type === 'holiday');
  expect(found).toHaveLength(1);
  const [e] = found;
  return { type: e!.type, text: e!.text, value: e!.value };
};

describe('Korean relative dates (now = Wed 2025-03-05 in Seoul)', () => {
  test.each([
    ['오늘 가능해요?', '오늘', '2025-03-05'],
    ['내일 가도 돼요', '내일', '2025-03-06'],
    ['모레 방문', '모레', '2025-03-07'],
    ['어제 신청했어요', '어제', '2025-03-04'],
    ['그저께 보냈어요', '그저께', '2025-03-03'],
    ['이번 주 월요일에 냈어요', '이번 주 월요일', '2025-03-03'],
    ['이번주 금요일까지', '이번주 금요일', '2025-03-07'],
    ['다음 주 월요일에 가요', '다음 주 월요일', '2025-03-10'],
    ['다음주월요일에 가요', '다음주월요일', '2025-03-10'],
    ['담주 수욜', '담주 수욜', '2025-03-12'],
    ['다다음주 일요일', '다다음주 일요일', '2025-03-23'],
    ['지난주 화요일에 신청', '지난주 화요일', '2025-02-25'],
    ['금요일에 가도 돼요?', '금요일', '2025-03-07'],
    ['월요일에 문 열어요?', '월요일', '2025-03-10'],
    ['수요일 오후', '수요일', '2025-03-05'],
    ['3일 후에 나와요', '3일 후', '2025-03-08'],
    ['30일 뒤', '30일 뒤', '2025-04-04'],
    ['이틀 뒤에 가요', '이틀 뒤', '2025-03-07'],
    ['2주 후', '2주 후', '2025-03-19'],
    ['1주일 후', '1주일 후', '2025-03-12'],
    ['3개월 전에 뗀 서류', '3개월 전', '2024-12-05'],
    ['3월 15일까지 내야 해요', '3월 15일', '2025-03-15'],
    ['2025년 12월 25일', '2025년 12월 25일', '2025-12-25'],
    ['12월 20일에 냈어요', '12월 20일', '2024-12-20'],
    ['2025-03-04 방문', '2025-03-04', '2025-03-04'],
    ['2025.3.4 신청', '2025.3.4', '2025-03-04'],
  ])('%s', (text, span, iso) => {
    expect(only(text)).toEqual({ type: 'date', text: span, value: iso });
  });

  test.each([
    ['이번 주말에 열어요?', '이번 주말', '2025-03-08', '2025-03-09'],
    ['다음 주말', '다음 주말', '2025-03-15', '2025-03-16'],
    ['다음 주에 갈게요', '다음 주', '2025-03-10', '2025-03-16'],
    ['다음 달에 신청', '다음 달', '2025-04-01', '2025-04-30'],
    ['이번달 안에', '이번달', '2025-03-01', '2025-03-31'],
    ['지난달에 냈어요', '지난달', '2025-02-01', '2025-02-28'],
  ])('%s', (text, span, start, end) => {
    expect(only(text)).toEqual({ type: 'daterange', text: span, value: { start, end } });
  });

  test.each(['국민내일배움카드 신청하려고요', '다음 주소로 보내주세요', '2025-02-30 은 없는 날', '13월 1일', '같이달라고 했어요'])('no date in: %s', (text) => {
    expect(ko(text).filter((e) => e.type === 'date' || e.type === 'daterange')).toEqual([]);
  });

  test('the Seoul day, not the UTC day, anchors 오늘 near midnight', () => {
    const lateUtc = new Date('2025-03-04T14:59:59Z'); // 23:59:59 in Seoul
    expect(extractEntities('오늘', { now: lateUtc, language: 'ko' })[0]?.value).toBe('2025-03-04');
    expect(extractEntities('오늘', { now, language: 'ko' })[0]?.value).toBe('2025-03-05');
  });
});

describe('holidays', () => {
  test.each([
    ['추석 연휴에 민원실 열어요?', '추석 연휴', { holiday: 'chuseok', year: 2025, day: '2025-10-06', start: '2025-10-05', end: '2025-10-08' }],
    ['설 연휴 통행료 면제?', '설 연휴', { holiday: 'seollal', year: 2026, day: '2026-02-17', start: '2026-02-16', end: '2026-02-18' }],
    ['설날에 문 여나요', '설날', { holiday: 'seollal', year: 2026, day: '2026-02-17', start: '2026-02-16', end: '2026-02-18' }],
    ['한가위 때', '한가위', { holiday: 'chuseok', year: 2025, day: '2025-10-06', start: '2025-10-05', end: '2025-10-08' }],
    ['명절 고속도로 무료예요?', '명절', { holiday: 'chuseok', year: 2025, day: '2025-10-06', start: '2025-10-05', end: '2025-10-08' }],
    ['올해 설날', '올해 설날', { holiday: 'seollal', year: 2025, day: '2025-01-29', start: '2025-01-28', end: '2025-01-30' }],
    ['2027년 설 연휴', '2027년 설 연휴', { holiday: 'seollal', year: 2027, day: '2027-02-07', start: '2027-02-06', end: '2027-02-09' }],
  ])('%s', (text, span, value) => {
    expect(only(text)).toEqual({ type: 'holiday', text: span, value });
  });

  test('a bare 설 in other words is not a holiday', () => {
    expect(ko('설명 좀 해주세요 설치 설정').filter((e) => e.type === 'holiday')).toEqual([]);
  });

  // Breaks as announced (substitute days included): a Sunday or 개천절 inside adds a day.
  test.each([
    ['seollal', 2024, '2024-02-09', '2024-02-12'],
    ['chuseok', 2024, '2024-09-16', '2024-09-18'],
    ['seollal', 2025, '2025-01-28', '2025-01-30'],
    ['chuseok', 2025, '2025-10-05', '2025-10-08'],
    ['seollal', 2026, '2026-02-16', '2026-02-18'],
    ['chuseok', 2026, '2026-09-24', '2026-09-26'],
    ['chuseok', 2028, '2028-10-02', '2028-10-05'],
    ['chuseok', 2029, '2029-09-21', '2029-09-24'],
  ] as const)('%s %d break is %s – %s', (holiday, year, start, end) => {
    expect(holidayBreak(holiday, year)).toMatchObject({ start, end });
  });

  // Cross-check the table with ICU's Korean lunar (dangi) calendar: 1/1 and 8/15.
  test.each([2024, 2025, 2026, 2027, 2028, 2029, 2030])('%d matches the dangi calendar', (year) => {
    const lunar = new Intl.DateTimeFormat('en-u-ca-dangi', { timeZone: 'Asia/Seoul', month: 'numeric', day: 'numeric' });
    const monthDay = (iso: string) => {
      const parts = lunar.formatToParts(new Date(`${iso}T12:00:00+09:00`));
      return `${parts.find((p) => p.type === 'month')?.value}/${parts.find((p) => p.type === 'day')?.value}`;
    };
    expect(monthDay(holidayBreak('seollal', year)!.day)).toBe('1/1');
    expect(monthDay(holidayBreak('chuseok', year)!.day)).toBe('8/15');
  });
});
