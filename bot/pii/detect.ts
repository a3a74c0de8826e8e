// detectPii: every detector over one folded copy of the text, overlaps settled by priority.
import type { PiiFinding, PiiType } from '../types';
import { detectAccount } from './account';
import { detectCard } from './card';
import { detectEmail } from './email';
import type { PiiDetector } from './finding';
import { foldWidth } from './fold-width';
import { detectPassport } from './passport';
import { detectPhone } from './phone';
import { detectRrn } from './rrn';

const DETECTORS: readonly PiiDetector[] = [detectRrn, detectCard, detectPhone, detectAccount, detectPassport, detectEmail];

// When two findings overlap the more specific one wins: an RRN can also pass Luhn, and a
// phone number near "계좌" is also an account candidate.
const PRIORITY: Record<PiiType, number> = { RRN: 0, CARD: 1, PHONE: 2, PASSPORT: 3, ACCOUNT: 4, EMAIL: 5 };

// Every kind of PII we detect contains a digit or an '@' (ASCII or full-width).
const MAY_HOLD_PII = /[0-9@\uFF10-\uFF19\uFF20]/;

/** Personal data in `text`, sorted by position, non-overlapping; offsets into `text`. */
export function detectPii(text: string): PiiFinding[] {
  if (typeof text !== 'string' || !MAY_HOLD_PII.test(text)) return [];
  const folded = foldWidth(text);
  const all = DETECTORS.flatMap((detect) => detect(folded));
  return settleOverlaps(all);
}

/** Whether `text` holds any personal data we detect. */
export function hasPii(text: string): boolean {
  return detectPii(text).length > 0;
}

function settleOverlaps(findings: readonly PiiFinding[]): PiiFinding[] {
  if (findings.length < 2) return [...findings];
  const ranked = [...findings].sort(
    (a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: PiiFinding[] = [];
  for (const f of ranked) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}
