// Zero-width and other invisible characters split a number so no pattern sees it
// ("010\u200B1234\u200B5678"). Detection runs on a copy without them; `toOriginal` maps every
// offset in that copy back to the text the citizen sent, so the redaction covers them too.

// Zero-width space/joiners, word joiner, BOM, soft hyphen, Mongolian vowel separator, the
// invisible operators, bidi marks and embeddings/isolates, Hangul fillers, variation selectors.
// eslint-disable-next-line no-misleading-character-class -- lone combining marks and fillers are what it removes
export const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

export interface FoldedText {
  readonly text: string;
  /** Offset in the original for an offset in `text` (also valid for `text.length`). */
  toOriginal(offset: number): number;
}

/** `text` without invisible characters, with a map back to the original offsets. */
export function removeInvisible(text: string): FoldedText {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(text)) return { text, toOriginal: (offset) => offset };
  const kept: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    INVISIBLE.lastIndex = 0;
    if (INVISIBLE.test(ch)) continue;
    kept.push(i);
    out += ch;
  }
  kept.push(text.length);
  return { text: out, toOriginal: (offset) => kept[offset]! };
}
