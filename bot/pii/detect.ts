// detectPii: every detector over one folded copy of the text, overlaps settled by priority.
import type { PiiFinding, PiiType } from '../types';
import { detectAccount } from './account';
import { detectCard } from './card';
import { detectEmail } from './email';
import type { PiiDetector } from './finding';
import { removeInvisible } from './fold-invisible';
import { foldWidth } from './fold-width';
import { detectPassport } from './passport';
import { detectHangulPhone, detectPhone } from './phone';
import { detectRrn } from './rrn';

const DETECTORS: readonly PiiDetector[] = [detectRrn, detectCard, detectPhone, detectHangulPhone, detectAccount, detectPassport, detectEmail];

// When two findings overlap the more specific one wins: an RRN can also pass Luhn, and a
// phone number near "계좌" is also an account candidate.
const PRIORITY: Record<PiiType, number> = { RRN: 0, CARD: 1, PHONE: 2, PASSPORT: 3, ACCOUNT: 4, EMAIL: 5 };

// Every kind of PII we detect contains a digit, an '@' (ASCII or full-width), or, for a phone
// number spelled in Hangul digit words, the 공/영 (zero) it starts with.
const MAY_HOLD_PII = /[0-9@\uFF10-\uFF19\uFF20공영]/;

/** Personal data in `text`, sorted by position, non-overlapping; offsets into `text`. */
export function detectPii(text: string): PiiFinding[] {
  if (typeof text !== 'string' || !MAY_HOLD_PII.test(text)) return [];
  const visible = removeInvisible(text);
  const folded = foldWidth(visible.text);
  const all = DETECTORS.flatMap((detect) => detect(folded));
  if (visible.text === text) return settleOverlaps(all);
  // An invisible character right before a finding's end belongs to it ("1234\u200B" at the end).
  return settleOverlaps(all).map((f) => ({ ...f, start: visible.toOriginal(f.start), end: visible.toOriginal(f.end - 1) + 1 }));
}

/** Whether `text` holds any personal data we detect. */
export function hasPii(text: string): boolean {
  return detectPii(text).length > 0;
}

function settleOverlaps(findings: readonly PiiFinding[]): PiiFinding[] {
  if (findings.length < 2) return [...findings];
  const ranked = [...findings].sort((a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiFinding[] = [];
  for (const f of ranked) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
