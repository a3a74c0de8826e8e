// Duplicate and conflict check as the trainer types: the same trigram-Jaccard search the server
// runs before storing an example (intents/duplicates.ts), over the examples the studio loaded.
// At or above the server's threshold the example would be refused (409); from WARN_SIMILARITY
// up it is shown as a near neighbour worth a look. Pure.
import { DEFAULT_DUPLICATE_THRESHOLD, findCrossIntentDuplicates } from '../../intents/duplicates';
import type { Catalog, IntentDefinition } from '../../bot/intent-schema';

export const WARN_SIMILARITY = 0.6;
const DRAFT = '\u0000draft';

export interface ExampleText {
  readonly intentId: string;
  readonly text: string;
  readonly language: string;
}

export interface Overlap {
  readonly intent: string;
  readonly text: string;
  readonly similarity: number;
  /** The server refuses the draft because of this one. */
  readonly blocking: boolean;
  readonly sameIntent: boolean;
}

function asCatalog(examples: readonly ExampleText[], draft: string, draftLang: 'ko' | 'en'): Catalog {
  const groups = new Map<string, { ko: string[]; en: string[] }>();
  for (const e of examples) {
    const bucket = groups.get(e.intentId) ?? { ko: [], en: [] };
    (e.language === 'en' ? bucket.en : bucket.ko).push(e.text);
    groups.set(e.intentId, bucket);
  }
  groups.set(DRAFT, draftLang === 'en' ? { ko: [], en: [draft] } : { ko: [draft], en: [] });
  // findCrossIntentDuplicates reads only ids and examples.
  const intents = [...groups].map(([id, ex]) => ({ id, examples: ex }) as unknown as IntentDefinition);
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}

/** Overlaps of `draft` (for `intentId`) with the loaded examples, most similar first. */
export function findOverlaps(examples: readonly ExampleText[], intentId: string, draft: string, limit = 5): Overlap[] {
  const text = draft.trim();
  if (text.length === 0) return [];
  const lang = /[\uac00-\ud7a3\u3131-\u318e]/.test(text) ? 'ko' : 'en';
  const pairs = findCrossIntentDuplicates(asCatalog(examples, text, lang), { threshold: WARN_SIMILARITY }).filter((p) => p.b.intent === DRAFT);
  return pairs
    .map((p) => {
      const sameIntent = p.a.intent === intentId;
      // The server refuses a near-duplicate of another intent, and an exact repeat within one.
      const blocking = sameIntent ? p.similarity === 1 : p.similarity >= DEFAULT_DUPLICATE_THRESHOLD;
      return { intent: p.a.intent, text: p.a.text, similarity: p.similarity, blocking, sameIntent };
    })
    .sort((a, b) => Number(b.blocking) - Number(a.blocking) || b.similarity - a.similarity)
    .slice(0, limit);
}
