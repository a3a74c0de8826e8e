// Bank account numbers have no checksum, but each bank prints them in its own published layout
// (hyphen groups), and citizens also write them as one run or split by spaces:
//   KB국민 6-2-6 · 3-2-4-3(old)   신한 3-3-6 · 3-2-6(old)   우리 4-3-6   하나 3-6-5
//   NH농협 3-4-4-2 · 6-2-6(중앙회)  IBK기업 3-6-2-3   SC제일 3-2-6   씨티 3-6-3
//   대구 3-2-6-1   부산 3-4-4-2   경남·전북 3-2-7   광주 3-3-6   제주 2-2-6   수협 3-2-6
//   새마을금고 4-4-4-1 · 4-2-7   우체국 6-2-6   신협 3-3-6   카카오뱅크 4-2-7   케이뱅크 3-3-6
//   토스뱅크 4-4-4
// A hyphenated layout that only a bank uses is redacted on its own, unless another kind of
// number is named nearby ("접수번호 110-123-456789") and no bank is. A bare run of 10–14 digits,
// spaced groups, and layouts shared with other numbers (3-2-6, 4-4-4, 2-2-6, 3-6-3) need support:
// a bank name or an account word within 30 characters before or 20 after. Without it such a
// number is more likely an order, case, business or tracking number, and redacting it would hide
// what the citizen is asking about.
import { digitsOf, hasNearby } from './nearby';
import { findAll, type PiiDetector } from './finding';

const CANDIDATE = /(?<![\d-])\d{2,7}(?:(?:-| {1,2})\d{1,7}){1,4}(?![\d-])|(?<![\d-])\d{10,14}(?![\d-])/g;

const DISTINCT_LAYOUTS = new Set(['6-2-6', '3-2-4-3', '3-3-6', '4-3-6', '3-6-5', '3-4-4-2', '3-6-2-3', '3-2-6-1', '3-2-7', '4-4-4-1', '4-2-7']);

const ACCOUNT_WORDS = new RegExp(
  [
    '계좌|통장|입금|송금|이체|예금주|예금|적금|은행|뱅크|카뱅|account|acct|a/c|bank|deposit|transfer|wire',
    '국민|신한|우리|하나|농협|기업|IBK|KB|NH|SC|제일|씨티|citi|대구|부산|경남|광주|전북|제주|iM|산업|수출입',
    '새마을|MG|신협|수협|우체국|카카오|케이|토스|toss|kakao|저축|증권',
  ].join('|'),
  'i',
);

// Numbers citizens quote that share the banks' layouts.
const OTHER_NUMBER_WORDS =
  /접수|주문|송장|운송장|배송|택배|사업자|법인|사건|등록번호|민원번호|신청번호|예약|관리번호|고객번호|회원번호|증권번호|가입번호|order|tracking|case|ref/i;

function layoutOf(candidate: string): string {
  return candidate
    .split('-')
    .map((group) => group.length)
    .join('-');
}

export const detectAccount: PiiDetector = (folded) =>
  findAll(folded, CANDIDATE, 'ACCOUNT', (m) => {
    const n = digitsOf(m[0]).length;
    if (n < 10 || n > 14) return false;
    const [start, end] = [m.index, m.index + m[0].length];
    if (hasNearby(folded, start, end, ACCOUNT_WORDS)) return true;
    return !m[0].includes(' ') && DISTINCT_LAYOUTS.has(layoutOf(m[0])) && !hasNearby(folded, start, end, OTHER_NUMBER_WORDS);
  });
