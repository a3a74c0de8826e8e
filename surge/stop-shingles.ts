// The n-grams surge similarity leaves out: those in more than STOP_SHARE of the catalog's examples
// are question phrasing ("어떻게 해요", "언제까지"), not topic. They follow the live catalog: when a
// publish or a catalog.changed event reloads it (training/live-catalog.ts, the model registry),
// the next reader gets the stop set of the new examples.
import type { Catalog } from '../bot/intent-schema';
import { commonShingles, type StopShingles } from './minhash';

/** A shingle in more than this share of the catalog's examples is question phrasing, not topic. */
const STOP_SHARE = 0.01;

const examplesOf = (catalog: Pick<Catalog, 'intents'>) => catalog.intents.flatMap((i) => [...i.examples.ko, ...i.examples.en]);

export function stopShinglesOf(catalog: Pick<Catalog, 'intents'>): StopShingles {
  return commonShingles(examplesOf(catalog), STOP_SHARE);
}

/**
 * The stop set of whatever catalog `catalog()` returns now. The registry hands out a new catalog
 * object on every reload, changed or not: the set is rebuilt only when the examples differ, and
 * otherwise the same object is returned, so a caller can tell a real change by identity.
 */
export function liveStopShingles(catalog: () => Pick<Catalog, 'intents'>): () => StopShingles {
  let seen: { catalog: Pick<Catalog, 'intents'>; examples: string; stop: StopShingles } | undefined;
  return () => {
    const current = catalog();
    if (seen?.catalog === current) return seen.stop;
    const examples = examplesOf(current).join('\u0000');
    seen = { catalog: current, examples, stop: seen?.examples === examples ? seen.stop : stopShinglesOf(current) };
    return seen.stop;
  };
}
