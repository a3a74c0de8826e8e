// Rules overlap: "다음 주 월요일" also contains "월요일", a phone number also reads as numbers.
// Keep, for each stretch of text, the most specific entity: by type rank, then the longer span.
import type { Entity } from '../types';

const RANK: Readonly<Record<string, number>> = {
  email: 0,
  url: 1,
  phone: 2,
  holiday: 3,
  document: 4,
  daterange: 5,
  date: 5,
  datetime: 5,
  region: 6,
  number: 9,
};

const rankOf = (e: Entity): number => RANK[e.type] ?? 8;

/** Non-overlapping entities, in text order. */
export function settleOverlaps(entities: readonly Entity[]): Entity[] {
  if (entities.length < 2) return [...entities];
  const ranked = [...entities].sort((a, b) => b.end - b.start - (a.end - a.start) || rankOf(a) - rankOf(b) || a.start - b.start);
  const kept: Entity[] = [];
  for (const e of ranked) {
    if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
