// extractEntities: every entity rule over one width-folded copy of the message. Pure: the
// clock comes in as `now`, and relative dates resolve to the Asia/Seoul calendar day.
import { foldWidth } from '../pii/fold-width';
import type { Entity, Language } from '../types';
import { documentNames } from './documents';
import { fastEntities } from './fast-entities';
import { koreanHolidays } from './holidays';
import { koreanRelativeDates } from './korean-relative-dates';
import { recognizerEntities } from './recognizers';
import { regionNames } from './regions';
import { settleOverlaps } from './overlaps';
import { seoulDay } from './seoul-calendar';
import { writtenDates } from './written-dates';

export interface EntityOptions {
  /** The time the message arrived; relative dates resolve against its Seoul calendar day. */
  readonly now: Date;
  readonly language: Language;
  /**
   * Use Microsoft Recognizers-Text (English dates, times, numbers; phones, URLs, e-mails) instead
   * of the fast rules. Default false: it costs 1–65 ms per message, far over triage's 1 ms p99
   * budget, so use it off the hot path, e.g. when building a handoff card.
   */
  readonly thorough?: boolean;
}

const HANGUL = /[\uAC00-\uD7A3]/;

/** Entities in `text`, in text order, non-overlapping; spans index `text` (UTF-16). */
export function extractEntities(text: string, options: EntityOptions): Entity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  if (Number.isNaN(options.now.getTime())) throw new RangeError('extractEntities: options.now is an invalid Date');
  const folded = foldWidth(text);
  const today = seoulDay(options.now);
  const found: Entity[] = [
    ...writtenDates(text, folded, today),
    ...(options.thorough === true ? recognizerEntities(text, folded, options) : fastEntities(text, folded, options.language)),
  ];
  // The Korean rules all need Hangul; skip them for English-only text.
  if (HANGUL.test(folded)) {
    found.push(
      ...koreanRelativeDates(text, folded, today),
      ...koreanHolidays(text, folded, today),
      ...regionNames(text, folded),
      ...documentNames(text, folded),
    );
  }
  return settleOverlaps(found);
}
