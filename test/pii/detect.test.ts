import { detectPii, hasPii, redactPii } from '../../bot/pii';
import type { PiiType } from '../../bot/types';

// [sentence, the personal data in it, its type]: every type in Korean and in English.
const PERSONAL: readonly [string, string, PiiType][] = [
  ['제 주민번호는 900101-1234567 입니다', '900101-1234567', 'RRN'],
  ['my resident number is 9001011234567 ok', '9001011234567', 'RRN'],
  ['주민등록번호 900101 1234567 맞나요', '900101 1234567', 'RRN'],
  ['주민번호 앞자리 900101-1****** 이에요', '900101-1******', 'RRN'],
  ['생년월일 900101-1 남자입니다', '900101-1', 'RRN'],
  ['RRN 9001011****** please', '9001011******', 'RRN'],
  ['외국인등록번호 020315-7123456', '020315-7123456', 'RRN'],
  ['윤년생 000229-3123456', '000229-3123456', 'RRN'],
  ['연락처 010-1234-5678로 전화주세요', '010-1234-5678', 'PHONE'],
  ['call me on 01012345678 please', '01012345678', 'PHONE'],
  ['제 번호 010 9876 5432', '010 9876 5432', 'PHONE'],
  ['my number is +82 10-1234-5678', '+82 10-1234-5678', 'PHONE'],
  ['reach me at +82 (0)10 1234 5678', '+82 (0)10 1234 5678', 'PHONE'],
  ['집 전화 02-123-4567 입니다', '02-123-4567', 'PHONE'],
  ['사무실 (031) 123-4567', '(031) 123-4567', 'PHONE'],
  ['인터넷전화 070-1234-5678', '070-1234-5678', 'PHONE'],
  ['my US number is +1 415 555 1234', '+1 415 555 1234', 'PHONE'],
  ['call me at (415) 555-0132 tonight', '(415) 555-0132', 'PHONE'],
  ['my cell is 415-555-0132', '415-555-0132', 'PHONE'],
  ['Toronto office 416.555.0199 thanks', '416.555.0199', 'PHONE'],
  ['미국 번호 212 555 0147 로 연락주세요', '212 555 0147', 'PHONE'],
  ['카드번호 4111 1111 1111 1111 결제 안돼요', '4111 1111 1111 1111', 'CARD'],
  ['my card 5500-0000-0000-0004 was charged twice', '5500-0000-0000-0004', 'CARD'],
  ['card 4012888888881881 declined', '4012888888881881', 'CARD'],
  ['amex 3782 822463 10005', '3782 822463 10005', 'CARD'],
  ['카드 9410-12**-****-1234 분실', '9410-12**-****-1234', 'CARD'],
  ['환불 계좌는 신한은행 110-123-456789 입니다', '110-123-456789', 'ACCOUNT'],
  ['통장 123-456789-01-011 로 입금해주세요', '123-456789-01-011', 'ACCOUNT'],
  ['카카오뱅크 3333-01-1234567', '3333-01-1234567', 'ACCOUNT'],
  ['please refund to my bank account 12345678901234', '12345678901234', 'ACCOUNT'],
  ['여권번호 M12345678 이에요', 'M12345678', 'PASSPORT'],
  ['새 여권 번호는 M123A4567', 'M123A4567', 'PASSPORT'],
  ['my passport number is s98765432', 's98765432', 'PASSPORT'],
  ['이메일 hong.gildong@example.co.kr 로 보내주세요', 'hong.gildong@example.co.kr', 'EMAIL'],
  ['email me at jane_doe+gov@mail.com thanks', 'jane_doe+gov@mail.com', 'EMAIL'],
];

describe('detectPii', () => {
  test.each(PERSONAL)('%s', (sentence, personal, type) => {
    const start = sentence.indexOf(personal);
    expect(detectPii(sentence)).toEqual([{ type, start, end: start + personal.length }]);
    const redacted = redactPii(sentence).text;
    expect(redacted).toBe(sentence.replace(personal, `[${type}]`));
    expect(redacted).not.toContain(personal);
  });

  // Numbers citizens write every day that are not personal data.
  const ORDINARY: readonly string[] = [
    '2025-03-04에 방문했어요',
    '2025.3.4 신청',
    '2025/03/04 until 2025.12.31',
    '20250304 접수',
    '지원금 1,000,000원 받았어요',
    '30만원 환급',
    '10:30에 예약',
    '2025년 3월 4일',
    '1990년생입니다',
    '급하면 110, 119, 112, 109로 전화',
    '1350 고용노동부 상담센터, 1332 금융감독원, 120 다산콜, 129 보건복지',
    '대표번호 1588-1234 로 전화했어요',
    '1577-1000 help line',
    '금리가 3.5% 올랐어요',
    '주문번호 12345678 배송',
    '접수번호 202503041234 확인',
    'order 123456789012 shipped',
    '3.14159265358979',
    '12345678901',
    '901301-1234567 is not a date',
    '900230-1234567 february 30th',
    'M12345678 모델 청소기',
    'version 10.0.19045',
    '02-120 내선',
    'user@localhost',
    'ISBN 978-89-123-4567-8',
    'IP 192.168.100.1234',
    'case 2024-555-0132-7',
    'version 415.555.0132.1',
  ];
  test.each(ORDINARY)('leaves ordinary numbers alone: %s', (text) => {
    expect(detectPii(text)).toEqual([]);
    expect(redactPii(text).text).toBe(text);
  });

  test('full-width digits are detected and spans index the original text', () => {
    const text = '전화 ０１０－１２３４－５６７８ 주민 ９００１０１－１２３４５６７';
    expect(detectPii(text).map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['PHONE', '０１０－１２３４－５６７８'],
      ['RRN', '９００１０１－１２３４５６７'],
    ]);
    expect(redactPii(text).text).toBe('전화 [PHONE] 주민 [RRN]');
  });

  test('several findings in one message, in order', () => {
    const text = 'RRN 900101-1234567, phone 010-1234-5678, mail a.b@c.kr';
    expect(redactPii(text).text).toBe('RRN [RRN], phone [PHONE], mail [EMAIL]');
    expect(redactPii(text).findings.map((f) => f.type)).toEqual(['RRN', 'PHONE', 'EMAIL']);
  });

  test('an account number needs an account word nearby', () => {
    expect(hasPii('민원 접수번호 110-123-456789 확인 부탁')).toBe(false);
    expect(hasPii('계좌 110-123-456789 확인 부탁')).toBe(true);
  });

  test('a passport number needs a passport word nearby', () => {
    expect(hasPii('예약코드 M12345678 입니다')).toBe(false);
    expect(hasPii('여권 M12345678 입니다')).toBe(true);
  });

  test('card numbers must pass the Luhn check', () => {
    expect(hasPii('카드 4111 1111 1111 1112')).toBe(false);
    expect(hasPii('카드 4111 1111 1111 1111')).toBe(true);
  });
});

describe('formats the redactor used to miss (issue 13)', () => {
  // [sentence, the personal data in it, its type]
  const MISSED_BEFORE: readonly [string, string, PiiType][] = [
    ['새마을금고 9002-1234-5678-1 로 보내주세요', '9002-1234-5678-1', 'ACCOUNT'],
    ['SC제일 123-45-678901 예금주 김민수', '123-45-678901', 'ACCOUNT'],
    ['대구은행 123-45-678901-2 입니다', '123-45-678901-2', 'ACCOUNT'],
    ['하나은행 12345678901234 으로 환급', '12345678901234', 'ACCOUNT'],
    ['카카오뱅크 3333 12 3456789 로 보내요', '3333 12 3456789', 'ACCOUNT'],
    ['IBK 123 456789 01 234 입금', '123 456789 01 234', 'ACCOUNT'],
    ['환급은 110-123-456789 로 해주세요', '110-123-456789', 'ACCOUNT'],
    ['새 여권 M123A4567 입니다', 'M123A4567', 'PASSPORT'],
    ['번호 M123A4567 로 예약했어요', 'M123A4567', 'PASSPORT'],
    ['번호는 공일공 구구구구 팔팔팔팔이에요', '공일공 구구구구 팔팔팔팔', 'PHONE'],
    ['영일공-1234-오육칠팔 로 연락', '영일공-1234-오육칠팔', 'PHONE'],
    ['연락처 010\u200B1234\u200B5678', '010\u200B1234\u200B5678', 'PHONE'],
    ['주민번호 900101\u200C-\u200D1234567', '900101\u200C-\u200D1234567', 'RRN'],
    ['메일은 김민수@회사.한국 입니다', '김민수@회사.한국', 'EMAIL'],
    ['help@gov.kr로 문의', 'help@gov.kr', 'EMAIL'],
    ['이메일 민수@naver.com', '민수@naver.com', 'EMAIL'],
  ];

  test.each(MISSED_BEFORE)('%s', (text, value, type) => {
    const start = text.indexOf(value);
    expect(detectPii(text)).toEqual([{ type, start, end: start + value.length }]);
  });

  // Kept as written: organisations' representative numbers, public short codes, and other
  // numbers named as such.
  test.each([
    '1588-1234 이 번호 금감원 맞나요?',
    '1644 1234로 전화 왔어요',
    '18001234 어디 번호예요',
    '급하면 112나 119, 1332에 전화',
    '접수번호 110-123-456789 확인 부탁',
    '운송장 1234-5678-9012 조회',
    '사업자등록번호 123-45-67890',
    '법인등록번호 110111-1234567 인가요',
    '모델명 A123B4567 리콜',
    '공공기관 이사 일정 알려주세요',
    '이삼일 걸린다던데요',
  ])('keeps %s', (text) => {
    expect(redactPii(text).text).toBe(text);
  });
});
