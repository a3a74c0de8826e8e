// Personal phone numbers: Korean mobiles (010…), landlines by area code (02, 031…064), internet
// (070) and safe numbers (050x), domestic or +82/0082, and foreign numbers written with '+'.
// Not redacted, by design: short public numbers (112, 119, 110, 109, 1350, 120, 129…) and
// nationwide business numbers (1588-/1577-/1644-xxxx): they belong to organisations, citizens
// quote them to us, and redacting them would hide which office they mean.
import { digitsOf } from './nearby';
import { findAll, type PiiDetector } from './finding';

const SEP = '(?:\\s{0,2}[-.]\\s{0,2}|\\s)?';
const KR_PREFIX = '(?:(?:\\+|00)\\s?82[\\s.-]{0,2}(?:\\(0\\)\\s?)?0?|0)';
const KR_AREA = '(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[2-8])';
const KOREAN = new RegExp(
  `(?<![\\d+])(?:\\(\\s?)?${KR_PREFIX}${KR_AREA}(?:\\s?\\))?${SEP}\\d{3,4}${SEP}\\d{4}(?!\\d)`,
  'g',
);
// '+' and a country code other than 82, then 2–5 groups.
const FOREIGN = /(?<![\w+])\+(?!82)[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;

const plausibleForeign = (m: RegExpExecArray): boolean => {
  const n = digitsOf(m[0]).length;
  return n >= 8 && n <= 15;
};

export const detectPhone: PiiDetector = (folded) => [
  ...findAll(folded, KOREAN, 'PHONE'),
  ...findAll(folded, FOREIGN, 'PHONE', plausibleForeign),
];
