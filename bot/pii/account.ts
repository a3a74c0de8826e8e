// Bank account numbers have no checksum and no common shape: 신한 110-123-456789, 국민
// 123456-01-123456, 농협 301-1234-1234-11, 기업 123-456789-01-011, 카카오뱅크 3333-01-1234567.
// Rule: 10–14 digits, contiguous or in 2–4 hyphenated groups, AND an account word or bank name
// within 30 characters before or 20 after. Without that context a long number is more likely an
// order, case or tracking number, and redacting it would hide what the citizen is asking about.
import { digitsOf, hasNearby } from './nearby';
import { findAll, type PiiDetector } from './finding';

const CANDIDATE = /(?<![\d-])(?:\d{2,7}(?:-\d{2,7}){1,3}|\d{10,14})(?![\d-])/g;
const ACCOUNT_WORDS =
  /계좌|통장|입금|송금|이체|예금주|은행|뱅크|카뱅|농협|신협|수협|새마을금고|우체국|신한|KB|IBK|토스|account|acct|a\/c|bank|deposit|transfer|wire/i;

export const detectAccount: PiiDetector = (folded) =>
  findAll(folded, CANDIDATE, 'ACCOUNT', (m) => {
    const n = digitsOf(m[0]).length;
    return n >= 10 && n <= 14 && hasNearby(folded, m.index, m.index + m[0].length, ACCOUNT_WORDS);
  });
