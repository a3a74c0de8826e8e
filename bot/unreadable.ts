// Input nobody could read: a keyboard mash ("asdfgh", "ㅁㄴㅇㄹ"), a lone emoji, a run of jamo or
// punctuation. It gets "다시 말씀해 주시겠어요?", not the out-of-scope speech. Pure.
import { normalize } from './normalize';

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const JAMO = /^[\u3131-\u318E\s]+$/u;
const SYLLABLE_OR_LETTER = /[\p{L}\p{N}]/u;
const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/u;
// Jamo shorthand that does mean something (hi, thanks, ok, no, bye, sorry), repeated or not;
// "ㅇㅇ" (yes) only once, since a run of ㅇ is what a mash looks like.
const JAMO_WORDS = /^(?:(?:ㅎㅇ|ㄱㅅ|ㄳ|ㅇㅋ|ㄴㄴ|ㅂㅂ|ㅂㅇ|ㅈㅅ)+|ㅇㅇ)$/u;

export function isUnreadable(text: string): boolean {
  const s = normalize(text);
  if (s.length === 0) return true;
  // Only emoji, symbols or punctuation.
  if (!SYLLABLE_OR_LETTER.test(s)) return true;
  // Checked on the raw text: normalize() shortens "ㅇㅇㅇㅇ" to the word "ㅇㅇ".
  if (JAMO.test(s)) return !JAMO_WORDS.test(text.replace(/\s+/g, ''));
  if (HANGUL_SYLLABLE.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /[a-z]/.test(w));
  return words.length > 0 && words.length <= 3 && words.every(isMash);
}

/** A Latin "word" typed along a keyboard row, with no vowel, or as a repeated chunk. */
function isMash(word: string): boolean {
  const w = word.replace(/[^a-z]/g, '');
  if (w.length < 3) return false;
  const alongRow = KEYBOARD_ROWS.some((row) => row.includes(w) || [...row].reverse().join('').includes(w));
  const oneRowFewVowels = w.length >= 5 && KEYBOARD_ROWS.some((row) => [...w].every((ch) => row.includes(ch))) && (w.match(/[aeiou]/g)?.length ?? 0) <= 1;
  const noVowel = !/[aeiouy]/.test(w);
  const repeated = /^(.{2,4})\1+$/.test(w);
  return alongRow || oneRowFewVowels || noVowel || repeated;
}
