import { extractEntities, warmUpRecognizers } from '../../bot/entities';
import type { Entity, Language } from '../../bot/types';

const now = new Date('2025-03-04T03:00:00Z'); // Tuesday 2025-03-04, noon in Seoul

function expectSpansAreSlices(text: string, entities: readonly Entity[]): void {
  let at = 0;
  for (const e of entities) {
    expect(e.text).toBe(text.slice(e.start, e.end));
    expect(e.start).toBeGreaterThanOrEqual(at); // ordered, non-overlapping
    expect(e.end).toBeGreaterThan(e.start);
    at = e.end;
  }
}

const MESSAGES: readonly [string, Language][] = [
  ['다음주월요일에 서울 강남구청 가서 가족 관계 증명서 떼도 되나요? 010-1234-5678', 'ko'],
  ['추석 연휴에 부산 가는데 여권 재발급 www.passport.go.kr 에서 돼요?', 'ko'],
  ['🙏 내일 ０１０－１２３４－５６７８ 로 전화 주세요 😊 이메일 hong@example.com', 'ko'],
  ['Can I renew my passport next Monday? call 010-1234-5678, see https://www.gov.kr/portal.', 'en'],
  ['I need 3 copies of my family certificate by 2025-03-10', 'en'],
  ['등본이랑초본 이번주말에 세종시에서', 'ko'],
];

describe('extractEntities', () => {
  test.each(MESSAGES)('spans equal input slices: %s', (text, language) => {
    const fast = extractEntities(text, { now, language });
    expect(fast.length).toBeGreaterThan(0);
    expectSpansAreSlices(text, fast);
  });

  test('finds everything in a mixed message', () => {
    const text = '다음주월요일에 서울 강남구청 가서 가족 관계 증명서 떼도 되나요? 010-1234-5678';
    expect(extractEntities(text, { now, language: 'ko' }).map((e) => [e.type, e.text])).toEqual([
      ['date', '다음주월요일'],
      ['region', '서울 강남구'],
      ['document', '가족 관계 증명서'],
      ['phone', '010-1234-5678'],
    ]);
  });

  test('English message on the fast path: phone, URL without the final dot, number', () => {
    const text = 'call 010-1234-5678 or see https://www.gov.kr/portal. I need 3 copies';
    expect(extractEntities(text, { now, language: 'en' }).map((e) => [e.type, e.text, e.value])).toEqual([
      ['phone', '010-1234-5678', '010-1234-5678'],
      ['url', 'https://www.gov.kr/portal', 'https://www.gov.kr/portal'],
      ['number', '3', 3],
    ]);
  });

  test('rejects an invalid clock', () => {
    expect(() => extractEntities('내일', { now: new Date('nope'), language: 'ko' })).toThrow(/invalid Date/);
  });

  describe('thorough mode (Recognizers-Text)', () => {
    beforeAll(() => warmUpRecognizers());

    test.each(MESSAGES)('spans equal input slices: %s', (text, language) => {
      expectSpansAreSlices(text, extractEntities(text, { now, language, thorough: true }));
    });

    test('English dates, times and numbers resolve against the Seoul clock', () => {
      const text = 'Can I come Next Monday at 3pm with two hundred forms?';
      const found = extractEntities(text, { now, language: 'en', thorough: true });
      expect(found.map((e) => [e.type, e.text])).toEqual([
        ['datetime', 'Next Monday at 3pm'],
        ['number', 'two hundred'],
      ]);
      expect(found[0]?.value).toMatchObject({ timex: '2025-03-10T15', value: '2025-03-10 15:00:00' });
      expect(found[1]?.value).toBe(200);
    });

    test('phone numbers, URLs and e-mails in Korean text', () => {
      const text = '문의 010-1234-5678, https://www.gov.kr 또는 hong@example.com';
      expect(extractEntities(text, { now, language: 'ko', thorough: true }).map((e) => [e.type, e.text])).toEqual([
        ['phone', '010-1234-5678'],
        ['url', 'https://www.gov.kr'],
        ['email', 'hong@example.com'],
      ]);
    });
  });

  const HUGE = '다음주월요일 서울 강남구 가족관계증명서 010-1234-5678 '.repeat(2400).slice(0, 100_000);
  const ODD: readonly [string, string][] = [
    ['empty', ''],
    ['100 KB', HUGE],
    ['random bytes as latin1', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1')],
    ['lone surrogates', '\uD800내일\uDC00 서울 \uDBFF'],
    ['only spaces', ' \t\n '.repeat(1000)],
  ];
  test.each(ODD)('%s never throws, spans stay slices', (_, text) => {
    for (const language of ['ko', 'en', 'mixed', 'unknown'] as const) {
      expectSpansAreSlices(text, extractEntities(text, { now, language }));
    }
  });

  test('the 100 KB message yields every entity', () => {
    const found = extractEntities(HUGE, { now, language: 'ko' });
    const documents = found.filter((e) => e.type === 'document').length;
    expect(documents).toBe(HUGE.split('가족관계증명서').length - 1);
  });

  test('lone surrogates do not shift spans', () => {
    const text = '\uD800내일\uDC00 서울';
    expect(extractEntities(text, { now, language: 'ko' }).map((e) => [e.type, e.start, e.end])).toEqual([
      ['date', 1, 3],
      ['region', 5, 7],
    ]);
  });
});
