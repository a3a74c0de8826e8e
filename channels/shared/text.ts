// Text fitting for platform limits. Lengths are counted in code points so a Hangul syllable or an
// emoji is never cut in half.

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Cuts `text` to at most `max` code points, ending with an ellipsis when it was cut. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const keep = Math.max(0, max - codePointLength(ellipsis));
  return chars.slice(0, keep).join('').trimEnd() + ellipsis;
}

/**
 * Splits `text` into chunks of at most `max` code points, preferring paragraph, line, sentence and
 * word boundaries (in that order) in the second half of a chunk, so a chunk never ends mid-word
 * unless a single word is longer than `max`.
 */
export function splitText(text: string, max: number): string[] {
  if (max < 1) throw new RangeError(`splitText: max must be >= 1, got ${max}`);
  const chunks: string[] = [];
  let rest = Array.from(text.trim());
  while (rest.length > max) {
    const window = rest.slice(0, max + 1).join('');
    const cut = bestCut(window, max);
    chunks.push(Array.from(window).slice(0, cut).join('').trimEnd());
    rest = Array.from(rest.slice(cut).join('').trimStart());
  }
  if (rest.length > 0) chunks.push(rest.join(''));
  return chunks;
}

const BOUNDARIES = [/\n\n/g, /\n/g, /[.!?。？！]\s/g, /\s/g];

/** Code-point index to cut at: the last boundary past half the window, else a hard cut. */
function bestCut(window: string, max: number): number {
  const chars = Array.from(window);
  for (const pattern of BOUNDARIES) {
    let best = -1;
    for (const m of window.matchAll(pattern)) {
      // End of the boundary match, in code points.
      const end = codePointLength(window.slice(0, (m.index ?? 0) + m[0].length));
      if (end <= max && end > max / 2) best = end;
    }
    if (best > 0) return best;
  }
  return Math.min(max, chars.length);
}

export { ATTACHMENT_ONLY_TEXT } from '../../bot/media-decision';
