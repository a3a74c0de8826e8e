// Fitting a public reply into X's 280 weighted characters. The weighting itself (twitter-text
// v3: Hangul and CJK weigh 2, a URL 23) lives in intents/public-length.ts, shared with the
// catalog checks.
import { xCharWeight as charWeight, xWeightedLength as tweetWeight } from '../../intents/public-length';

export { tweetWeight };

/** Cuts plain text (no URLs expected) to at most `max` weight, with an ellipsis when cut. */
export function truncateToWeight(text: string, max: number): string {
  if (tweetWeight(text) <= max) return text;
  let out = '';
  let weight = charWeight('…'); // U+2026 is outside the light ranges: it weighs 2
  for (const ch of text) {
    const w = charWeight(ch);
    if (weight + w > max) break;
    out += ch;
    weight += w;
  }
  return `${out.trimEnd()}…`;
}

export interface TweetParts {
  readonly text: string;
  readonly urls: readonly string[];
  /** Appended so two identical answers are not refused as duplicate tweets (X answers 403). */
  readonly caseRef: string;
}

/**
 * Builds a public reply within `max` weighted characters: keeps the case reference, as many links
 * as leave at least a short sentence of text, and shortens the text last.
 */
export function fitTweet(parts: TweetParts, max = 280): string {
  const tag = ` (ref. ${parts.caseRef})`;
  const minText = 40;
  for (let n = Math.min(parts.urls.length, 2); n >= 0; n--) {
    const urls = parts.urls.slice(0, n);
    const tail = tag + urls.map((u) => `\n${u}`).join('');
    const budget = max - tweetWeight(tail);
    if (budget >= minText || n === 0) return truncateToWeight(parts.text.trim(), Math.max(budget, 1)) + tail;
  }
  throw new Error('unreachable: n === 0 always returns');
}

/** A short, stable case reference from an outbox id: its last 8 letters/digits. */
export function caseRefOf(outboxId: string): string {
  const alnum = outboxId.replace(/[^0-9A-Za-z]/g, '');
  return (alnum || 'case').slice(-8);
}
