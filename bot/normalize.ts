// Text normalisation for the classifier. Social-media text arrives with full-width letters,
// mentions, links, hashtags, stretched laughter (ㅋㅋㅋㅋ) and emoji; the classifier should see one
// spelling of each. normalize() never throws: any JS string, however broken, gives a string back.

/** Tokens that replace things whose exact value does not matter to the intent. */
export const URL_TOKEN = '<url>';

// Lone UTF-16 surrogates (half an emoji cut by a truncating client) become U+FFFD.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Zero-width characters, BOM, soft hyphen, bidi marks, variation selectors and emoji skin tones:
// invisible, and they split words that look identical.
// eslint-disable-next-line no-misleading-character-class -- the class strips lone variation selectors on purpose
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\uFE00-\uFE0F]|\u{1F3FB}|\u{1F3FC}|\u{1F3FD}|\u{1F3FE}|\u{1F3FF}/gu;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// NFKC would turn compatibility jamo (ㅋ, ㅠ) into conjoining jamo and glue them into syllables
// (ㅋㅠ → 큐), so runs of them are kept out of it.
const COMPAT_JAMO_RUN = /([\u3131-\u318E]+)/;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+|(?<![@.\w-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:go\.kr|or\.kr|co\.kr|com|net|org|kr)(?:\/[^\s<>"']*)?/gi;
// @handle at a word start (not the middle of an e-mail address).
const MENTION = /(^|[^\p{L}\p{N}_.])@[\p{L}\p{N}_]{1,30}/gu;
const HASHTAG = /(^|[^\p{L}\p{N}_&])#([\p{L}\p{N}_]+)/gu;
const CAMEL_BOUNDARY = /(\p{Ll})(\p{Lu})/gu;
// Three or more of the same non-digit character become two; digits are left alone (1000원).
const REPEAT = /(\P{Nd})\1{2,}/gu;
const SPACES = /\s+/gu;

export function normalize(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text.replace(LONE_SURROGATE, '\uFFFD');
  s = s.replace(CONTROL, ' ').replace(INVISIBLE, '');
  s = nfkcKeepingJamo(s);
  s = s.replace(URL, ` ${URL_TOKEN} `);
  s = s.replace(MENTION, '$1 ');
  s = s.replace(HASHTAG, (_m, lead: string, tag: string) => `${lead} ${splitTag(tag)} `);
  s = s.toLowerCase();
  s = s.replace(REPEAT, '$1$1');
  return s.replace(SPACES, ' ').trim();
}

function nfkcKeepingJamo(s: string): string {
  if (!COMPAT_JAMO_RUN.test(s)) return s.normalize('NFKC');
  return s
    .split(COMPAT_JAMO_RUN)
    .map((part, i) => (i % 2 === 1 ? part : part.normalize('NFKC')))
    .join('');
}

/** #PassportRenewal / #여권_재발급 → words. */
function splitTag(tag: string): string {
  return tag.replace(/_/g, ' ').replace(CAMEL_BOUNDARY, '$1 $2');
}
