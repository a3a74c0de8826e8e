// Payment card numbers: 13–19 digits, contiguous or in the printed groups (4-4-4-4, 4-4-4-4-3,
// 4-6-5, 4-6-4), starting with a real issuer digit (2–6 or 9 for Korean domestic cards) and
// passing the Luhn check. Groups printed half-masked ("9410-12**-****-1234") are redacted too.
import { digitsOf } from './nearby';
import { findAll, type PiiDetector } from './finding';

const GROUPED = /(?<![\d-])(?:[2-69]\d{3}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|3\d{3}([ -])\d{6}\2\d{4,5})(?![\d-])/g;
const CONTIGUOUS = /(?<![\d-])[2-69]\d{12,18}(?![\d-])/g;
const MASKED = /(?<![\d-])[2-69]\d{3}([ -])[\d*]{4}\1\*{4}\1\d{4}(?![\d-])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const luhn = (m: RegExpExecArray): boolean => luhnValid(digitsOf(m[0]));

export const detectCard: PiiDetector = (folded) => [
  ...findAll(folded, GROUPED, 'CARD', luhn),
  ...findAll(folded, CONTIGUOUS, 'CARD', luhn),
  ...findAll(folded, MASKED, 'CARD'),
];
