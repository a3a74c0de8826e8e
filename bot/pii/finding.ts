import type { PiiFinding, PiiType } from '../types';

/** One detector: folded text in, findings (offsets valid on the original text) out. */
export type PiiDetector = (folded: string) => PiiFinding[];

/** Runs a global regex and keeps the matches `accept` agrees with. */
export function findAll(folded: string, pattern: RegExp, type: PiiType, accept: (match: RegExpExecArray) => boolean = () => true): PiiFinding[] {
  const found: PiiFinding[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    if (accept(m)) found.push({ type, start: m.index, end: m.index + m[0].length });
  }
  return found;
}
