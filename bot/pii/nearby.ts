// Some numbers are personal data only in context: a 12-digit run is an account number next to
// "계좌" and an order number elsewhere. These helpers look at a window around a candidate.

/** Whether `words` (a non-global regex) matches within `before`/`after` chars of [start, end). */
export function hasNearby(text: string, start: number, end: number, words: RegExp, before = 30, after = 20): boolean {
  return words.test(text.slice(Math.max(0, start - before), Math.min(text.length, end + after)));
}

/** Digits only, e.g. '110-123 456' → '110123456'. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
