// Shared data for the trainer tests: a cut-down copy of the real catalog (every intent, a dozen
// Korean and a few English examples each) so a model trains in well under a second, and the
// classifier options the tests train with.
import { loadCatalog } from '../../intents/loader';
import type { Catalog } from '../../bot/intent-schema';

/** Few epochs: these tests are about the lifecycle, not the last point of accuracy. */
export const FAST_TRAIN = { softmax: { epochs: 6 } } as const;
export const TEST_FOLDS = 3;

export function smallCatalog(ko = 12, en = 5): Catalog {
  const intents = loadCatalog().intents.map((intent) => ({
    ...intent,
    examples: { ko: intent.examples.ko.slice(0, ko), en: intent.examples.en.slice(0, en) },
  }));
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}
