// Korean passport numbers: one letter + 8 digits (M12345678), or since December 2021 one letter,
// 3 digits, one letter, 4 digits (M123A4567). The new shape, upper case and starting with a
// passport-type letter (M ordinary, S official, D diplomatic, R travel certificate, O others),
// is redacted on its own. The old shape also fits product and booking codes, so it needs a
// passport word within 30 characters before or 20 after.
import { hasNearby } from './nearby';
import { findAll, type PiiDetector } from './finding';

const PASSPORT = /(?<![A-Za-z\d])[A-Za-z](?:\d{8}|\d{3}[A-Za-z]\d{4})(?![A-Za-z\d])/g;
const NEW_SHAPE = /^[MSDRO]\d{3}[A-Z]\d{4}$/;
const PASSPORT_WORDS = /여권|passport|패스포트/i;

export const detectPassport: PiiDetector = (folded) =>
  findAll(folded, PASSPORT, 'PASSPORT', (m) => NEW_SHAPE.test(m[0]) || hasNearby(folded, m.index, m.index + m[0].length, PASSPORT_WORDS));
