// Korean has no reliable spaces, so "is this a whole word" is decided by what follows: nothing,
// a non-Hangul character, or a particle / place word. Short names and stems ("강남", "가증",
// "등본") only count at such a boundary, which keeps 고양이 (cat) from being 고양시.

// Particles and words that commonly follow a place or document name. Deliberately missing:
// 이 and 가 as bare particles, which begin too many other words (고양이, 영양가).
const FOLLOWERS =
  /^(?:에서|에선|에는|에|의|은|는|을|를|로|으로|쪽|지역|사는|살아|살고|거주|주민|까지|부터|인데|이에요|이예요|입니다|이고|이랑|랑|와|과|도|만|시청|구청|군청|도청|주민센터|행정복지센터|근처|역|쪽에|발급|재발급|갱신|번호|사진|만료|분실|떼|뗄|신청|좀|이요|요)/;
const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/;

/** The text after `end` starts a new word (or a particle), so [.., end) is a whole word. */
export function endsWord(text: string, end: number): boolean {
  const next = text[end];
  if (next === undefined || !HANGUL.test(next)) return true;
  return FOLLOWERS.test(text.slice(end, end + 8));
}

/** The text before `start` is not a Hangul letter, so the word is not the tail of another. */
export function startsWord(text: string, start: number): boolean {
  const prev = text[start - 1];
  return prev === undefined || !HANGUL.test(prev);
}
