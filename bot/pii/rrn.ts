// 주민등록번호 (resident registration number): YYMMDD-GNNNNNN. Citizens also write it without the
// hyphen, with spaces, or half-masked ("900101-1******", "900101-1"). The check digit is not
// validated: numbers issued since October 2020 no longer carry one.
import { findAll, type PiiDetector } from './finding';
import { hasNearby } from './nearby';

const MASK = '[*xX●•]';
const RRN = new RegExp(
  '(?<![\\d-])(\\d{2})(\\d{2})(\\d{2})' +
    '(?:' +
    `(\\s{0,2}-\\s{0,2}|\\s)?([1-8])(\\d{6}|\\d{0,5}${MASK}{1,6})` + // full or partly masked back half
    `|(\\s{0,2}-\\s{0,2}|\\s)?${MASK}{7}` + // back half fully masked
    '|\\s{0,2}-\\s{0,2}([1-8])' + // "900101-1": gender digit only, hyphen required
    `)(?![\\d*xX●•])`,
  'g',
);

// Gender digit → century of birth (1–4 citizens, 5–8 foreign residents).
const CENTURY: Record<string, number> = { '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };

function isRealDate(yy: number, month: number, day: number, gender: string | undefined): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Without the gender digit the century is unknown; a leap year is then possible for any yy % 4 == 0.
  const year = gender ? (CENTURY[gender] ?? 1900) + yy : 2000 + yy;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function isRrn(m: RegExpExecArray): boolean {
  const gender = m[5] ?? m[8];
  const back = m[6];
  // A partly masked back half is at most 6 characters after the gender digit.
  if (back !== undefined && back.length > 6) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]), gender);
}

// A corporate registration number (법인등록번호) has the same 6-7 shape; it names a company.
const CORPORATE = /법인|corporat/i;

export const detectRrn: PiiDetector = (folded) =>
  findAll(folded, RRN, 'RRN', (m) => isRrn(m) && !hasNearby(folded, m.index, m.index + m[0].length, CORPORATE, 12, 0));
