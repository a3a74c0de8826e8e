// X's weighted length (twitter-text v3 rules) and the public form of a catalog answer as it is
// posted: text, then each link. Used by catalog tests and by the reply renderer.
import type { IntentAnswer, IntentLink } from '../bot/intent-schema';

export const X_MAX_WEIGHTED_LENGTH = 280;
/** Every URL X detects is shortened to a t.co link of this length. */
export const X_URL_LENGTH = 23;

/** twitter-text v3: code points in these ranges weigh 1, every other code point 2. */
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
];

// An explicit http(s) URL (X stops at non-ASCII and drops trailing punctuation), a bare domain,
// or one emoji sequence (flags, keycaps, ZWJ sequences, skin tones), which X counts as 2.
const TOKEN =
  /(https?:\/\/[\x21-\x7e]*[\w/=#&%~+-])|((?:[a-z0-9-]+\.)+(?:kr|com|net|org|io|co|me)\b(?:\/[\x21-\x7e]*[\w/=#&%~+-])?)|(\p{RI}\p{RI}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{EMod})?)*)/giu;

/** X's weight of one character: 1 in the Latin/punctuation ranges, 2 otherwise. */
export function xCharWeight(ch: string): number {
  return codePointWeight(ch.codePointAt(0) ?? 0);
}

function codePointWeight(cp: number): number {
  return LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 1 : 2;
}

function plainWeight(text: string): number {
  let weight = 0;
  for (const ch of text) weight += codePointWeight(ch.codePointAt(0) ?? 0);
  return weight;
}

/**
 * The length X counts for `text`: Hangul, CJK and other non-Latin characters weigh 2, an emoji
 * sequence 2, a URL 23. A bare domain that X might not link is counted as the larger of 23 and
 * its own length, so the result never undercounts.
 */
export function xWeightedLength(text: string): number {
  const normalised = text.normalize('NFC');
  let weight = 0;
  let last = 0;
  for (const match of normalised.matchAll(TOKEN)) {
    weight += plainWeight(normalised.slice(last, match.index));
    const [token, url, domain] = match;
    if (url) weight += X_URL_LENGTH;
    else if (domain) weight += Math.max(X_URL_LENGTH, plainWeight(domain));
    else weight += 2;
    last = match.index + token.length;
  }
  return weight + plainWeight(normalised.slice(last));
}

/** What a link looks like in a post: `tel:1350` shows as the bare number. */
export function renderLinkTarget(url: string): string {
  return url.startsWith('tel:') ? url.slice('tel:'.length) : url;
}

/** The public reply as posted: the text, then each of the answer's links, space-separated. */
export function renderPublicAnswer(answer: Pick<IntentAnswer, 'public' | 'links'>, links: readonly Pick<IntentLink, 'url'>[], lang: 'ko' | 'en'): string {
  const targets = answer.links.map((index) => {
    const link = links[index];
    if (!link) throw new RangeError(`answer links to #${index}, but the intent has ${links.length} links`);
    return renderLinkTarget(link.url);
  });
  return [answer.public[lang], ...targets].join(' ');
}
