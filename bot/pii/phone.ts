// Personal phone numbers: Korean mobiles (010…), landlines by area code (02, 031…064), internet
// (070) and safe numbers (050x), domestic or +82/0082, foreign numbers written with '+', and
// North American numbers written the local way ((415) 555-0132, 415-555-0132): English-speaking
// residents and visitors write them without the +1.
// Not redacted, by design: short public numbers (112, 119, 110, 109, 1350, 120, 129…) and
// nationwide business numbers (1588-/1577-/1644-xxxx): they belong to organisations, citizens
// quote them to us, and redacting them would hide which office they mean.
import { digitsOf } from './nearby';
import { findAll, type PiiDetector } from './finding';

const SEP = '(?:\\s{0,2}[-.]\\s{0,2}|\\s)?';
const KR_PREFIX = '(?:(?:\\+|00)\\s?82[\\s.-]{0,2}(?:\\(0\\)\\s?)?0?|0)';
const KR_AREA = '(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])';
const KOREAN = new RegExp(`(?<![\\d+])(?:\\(\\s?)?${KR_PREFIX}${KR_AREA}(?:\\s?\\))?${SEP}\\d{3,4}${SEP}\\d{4}(?!\\d)`, 'g');
// '+' and a country code other than 82, then 2–5 groups.
const FOREIGN = /(?<![\w+])\+(?!82)[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;

// NANP: area code and exchange start 2–9, so Korean numbers (0…) and dates (2025-03-04: 4-2-2)
// never match; separators are required, so a bare 10-digit order number is left alone.
const NORTH_AMERICAN = /(?<![\w+.-])(?:\(\s?[2-9]\d{2}\s?\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}(?![\w.-]?\d)/g;

const plausibleForeign = (m: RegExpExecArray): boolean => {
  const n = digitsOf(m[0]).length;
  return n >= 8 && n <= 15;
};

// Phone numbers spelled, wholly or partly, in Hangul digit words ("공일공 구구구구 팔팔팔팔",
// "영일공-1234-오육칠팔"). Each word is one UTF-16 unit, so the spelled number is read as digits
// in place and checked against the same Korean number shapes. A trailing 이 before more Hangul is
// the particle (…팔팔팔팔이에요), not the digit 2.
const HANGUL_DIGIT: Readonly<Record<string, string>> = {
  공: '0',
  영: '0',
  일: '1',
  이: '2',
  삼: '3',
  사: '4',
  오: '5',
  육: '6',
  륙: '6',
  칠: '7',
  팔: '8',
  구: '9',
};
const H = '[0-9공영일이삼사오육륙칠팔구]';
const SPELLED = new RegExp(`(?<!${H})[0공영]${H}{1,2}(?:[\\s.-]{0,3}${H}{3,4}[\\s.-]{0,3}|${H}{3,4})${H}{4}(?=이[가-힣]|(?!${H}))`, 'g');
const KR_NUMBER = new RegExp(`^0${KR_AREA}\\d{7,8}$`);

const spelledPhone = (m: RegExpExecArray): boolean => {
  if (!/[공영일이삼사오육륙칠팔구]/.test(m[0])) return false; // all digits: detectPhone's job
  const digits = m[0].replace(/[공영일이삼사오육륙칠팔구]/g, (w) => HANGUL_DIGIT[w]!).replace(/\D/g, '');
  return KR_NUMBER.test(digits);
};

export const detectHangulPhone: PiiDetector = (folded) => (/[공영]/.test(folded) ? findAll(folded, SPELLED, 'PHONE', spelledPhone) : []);

export const detectPhone: PiiDetector = (folded) => [
  ...findAll(folded, KOREAN, 'PHONE'),
  ...findAll(folded, FOREIGN, 'PHONE', plausibleForeign),
  ...findAll(folded, NORTH_AMERICAN, 'PHONE'),
];
