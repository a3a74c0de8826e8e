// X's weighted length (twitter-text v3 rules): code points in the Latin/punctuation ranges weigh 1,
// everything else (Hangul, CJK, emoji) weighs 2, and every URL counts 23 whatever its length.
// Emoji sequences are counted per code point, which over-counts: safe for a limit.

const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const URL_WEIGHT = 23;
const URL_PATTERN = /https?:\/\/\S+/gu;

function charWeight(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  return LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
}

function plainWeight(text: string): number {
  let weight = 0;
  for (const ch of text) weight += charWeight(ch);
  return weight;
}

export function tweetWeight(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let last = 0;
  for (const m of normalized.matchAll(URL_PATTERN)) {
    weight += plainWeight(normalized.slice(last, m.index)) + URL_WEIGHT;
    last = (m.index ?? 0) + m[0].length;
  }
  return weight + plainWeight(normalized.slice(last));
}

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
