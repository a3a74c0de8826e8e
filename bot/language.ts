// Which language a message is written in, so replies come back in the same one.
// Counting letters, not words: Korean is often written without spaces, and one Hangul syllable
// carries about as much as a three-letter Latin chunk, so syllables are weighted up.
import { normalize, URL_TOKEN } from './normalize';
import type { Language } from './types';

const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3131-\u318E]/gu;
const LATIN = /[a-z]/g;
const HANGUL_WEIGHT = 3;
/** The minority language must carry at least this share of the weighted letters for 'mixed'. */
const MIXED_SHARE = 0.3;

export function detectLanguage(text: string): Language {
  const s = normalize(text).split(URL_TOKEN).join(' ');
  const ko = (s.match(HANGUL)?.length ?? 0) * HANGUL_WEIGHT;
  const en = s.match(LATIN)?.length ?? 0;
  const total = ko + en;
  // A lone letter ("a", "ㅋ") is not enough to tell.
  if (total < 2) return 'unknown';
  const koShare = ko / total;
  if (koShare >= 1 - MIXED_SHARE) return 'ko';
  if (koShare <= MIXED_SHARE) return 'en';
  return 'mixed';
}
