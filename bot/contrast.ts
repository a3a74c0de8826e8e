// Contrast and negation: "X 말고 Y", "X 아니고 Y", "not X, Y", "Y rather than X". The citizen
// names X only to rule it out; a bag of n-grams sees X and answers it. splitContrast() finds the
// excluded part and the part the citizen does want, so the classifier can score each on its own.
// Pure string rules, table-tested in test/bot/contrast.test.ts.

export interface ContrastSplit {
  /** The words the citizen rules out. */
  readonly excluded: string;
  /** What is left: the part the citizen does want (may be empty: "등본 말고요"). */
  readonly kept: string;
}

// Korean markers follow the excluded noun phrase. "뿐만 아니라" means "not only … but also":
// that adds a topic instead of excluding one, so it is never a contrast. "아닌데" sets a scene
// ("세대주 아닌데 제가 해도 돼요?") rather than ruling a topic out, so it is not a marker.
const KO_MARKER = /(?<!뿐만?\s*)(?:은|는|이|가)?\s*(?:말고|말구|아니고|아니구|아니라)(?:요|여)?[,.\s]*/u;
// English: a leading "not (the) X," or "rather than / instead of X,"; a trailing ", not the X"
// or "Y rather than / instead of X". A bare "not" inside a sentence ("I did not get it") is
// ordinary negation, so "not" counts only where it opens the message or follows a comma.
const EN_LEADING = /^\s*(?:it'?s\s+|this\s+is\s+)?(?:not|rather than|instead of)\s+([^,.;!?]+)[,.;!?]\s*(?:but\s+|i\s+mean\s+|it'?s\s+)?(.*)$/isu;
const EN_TRAILING_NOT = /^(.+?),\s*(?:and\s+|but\s+)?not\s+((?:a|an|the|my|about)\s+[^,.;!?]+)[.!?]?\s*$/isu;
const EN_RATHER = /^(.+?)\s*,?\s+(?:rather than|instead of)\s+([^,.;!?]+)[.!?]?\s*$/isu;

export function splitContrast(text: string): ContrastSplit | undefined {
  const leading = EN_LEADING.exec(text);
  if (leading) return make(leading[1]!, leading[2]!);
  const trailing = EN_TRAILING_NOT.exec(text) ?? EN_RATHER.exec(text);
  if (trailing) return make(trailing[2]!, trailing[1]!);

  const m = KO_MARKER.exec(text);
  if (!m || m.index === 0) return undefined;
  const before = text.slice(0, m.index);
  // The excluded phrase starts after the last sentence boundary before the marker.
  const boundary = Math.max(before.lastIndexOf('.'), before.lastIndexOf('?'), before.lastIndexOf('!'), before.lastIndexOf('\n'));
  const excluded = before.slice(boundary + 1);
  const kept = `${before.slice(0, boundary + 1)} ${text.slice(m.index + m[0].length)}`;
  return make(excluded, kept);
}

function make(excluded: string, kept: string): ContrastSplit | undefined {
  const e = excluded.trim();
  if (e.length === 0) return undefined;
  return { excluded: e, kept: kept.trim() };
}
