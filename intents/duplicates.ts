// Finds examples that are the same or nearly the same, either under two intents (the classifier
// is told two different things about one message) or twice within one intent (wasted weight).
// Near = Jaccard similarity of character-trigram sets after normalisation, found through an
// inverted trigram index so ~2,500 examples take milliseconds, not a pairwise scan.
import type { Catalog } from '../bot/intent-schema';

export interface ExampleRef {
  readonly intent: string;
  readonly lang: 'ko' | 'en';
  readonly index: number;
  readonly text: string;
}

export interface DuplicatePair {
  readonly kind: 'cross-intent' | 'within-intent';
  readonly a: ExampleRef;
  readonly b: ExampleRef;
  /** 1 when the normalised texts are equal. */
  readonly similarity: number;
}

export interface DuplicateOptions {
  /** Minimum trigram Jaccard similarity to report; default 0.85. */
  readonly threshold?: number;
}

export const DEFAULT_DUPLICATE_THRESHOLD = 0.85;

/**
 * NFKC, lower case, no spaces or punctuation. Emoji and other symbols stay: "감사 😊" and
 * "감사 😡" are different messages. An example made only of punctuation keeps it ("?" vs "!").
 */
export function normaliseExample(text: string): string {
  const folded = text.normalize('NFKC').toLowerCase();
  return folded.replace(/[\s\p{P}]+/gu, '') || folded.replace(/\s+/gu, '');
}

/** Character trigrams; a text shorter than three characters is its own single gram. */
export function trigrams(normalised: string): Set<string> {
  const chars = Array.from(normalised);
  if (chars.length < 3) return new Set([normalised]);
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return grams;
}

interface Entry {
  readonly ref: ExampleRef;
  readonly normalised: string;
  readonly grams: readonly string[];
}

function entries(catalog: Catalog): Entry[] {
  return catalog.intents.flatMap((intent) =>
    (['ko', 'en'] as const).flatMap((lang) =>
      intent.examples[lang].map((text, index) => {
        const normalised = normaliseExample(text);
        return { ref: { intent: intent.id, lang, index, text }, normalised, grams: [...trigrams(normalised)] };
      }),
    ),
  );
}

/**
 * Every pair of examples at or above the threshold, under two intents or within one (see
 * `kind`): cross-intent pairs first, then by similarity.
 */
export function findCrossIntentDuplicates(catalog: Catalog, options: DuplicateOptions = {}): DuplicatePair[] {
  const threshold = options.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const all = entries(catalog);
  const postings = new Map<string, number[]>();
  const pairs: DuplicatePair[] = [];
  all.forEach((entry, i) => {
    // Count the grams `entry` shares with every earlier example that has at least one.
    const shared = new Map<number, number>();
    for (const gram of entry.grams) {
      for (const j of postings.get(gram) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, common] of shared) {
      const other = all[j]!;
      const equal = other.normalised === entry.normalised;
      const similarity = equal ? 1 : common / (entry.grams.length + other.grams.length - common);
      if (similarity < threshold) continue;
      const kind = other.ref.intent === entry.ref.intent ? 'within-intent' : 'cross-intent';
      pairs.push({ kind, a: other.ref, b: entry.ref, similarity });
    }
    for (const gram of entry.grams) {
      const list = postings.get(gram);
      if (list) list.push(i);
      else postings.set(gram, [i]);
    }
  });
  return pairs.sort((x, y) => (x.kind === y.kind ? y.similarity - x.similarity : x.kind === 'cross-intent' ? -1 : 1));
}
