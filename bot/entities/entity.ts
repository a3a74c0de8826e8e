import type { Entity } from '../types';

/** An entity whose text is exactly `input.slice(start, end)`, as the Entity contract requires. */
export function entityAt(input: string, type: string, start: number, end: number, value: unknown): Entity {
  return { type, text: input.slice(start, end), start, end, value };
}

/** A day range as entities carry it: ISO dates, both ends included. */
export interface DateRangeValue {
  readonly start: string;
  readonly end: string;
}

/** What a rule resolved a match to; undefined rejects the match. */
export interface Resolved {
  readonly type: string;
  readonly value: unknown;
}

/** Runs a global regex over the width-folded text and turns resolved matches into entities of `input`. */
export function matchEntities(input: string, folded: string, pattern: RegExp, resolve: (m: RegExpExecArray) => Resolved | undefined): Entity[] {
  const out: Entity[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(folded); m; m = pattern.exec(folded)) {
    const r = resolve(m);
    if (r) out.push(entityAt(input, r.type, m.index, m.index + m[0].length, r.value));
  }
  return out;
}
