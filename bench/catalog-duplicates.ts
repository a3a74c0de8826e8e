// How long the duplicate check takes on a catalog-sized input (brief: ~2,500 examples, well
// under a second). Uses ParaKQC paraphrases, which are full of near duplicates, spread over the
// 22 intent ids, plus the real catalog as it stands.
// Run: npx tsx bench/catalog-duplicates.ts [examples=2500]
import { readFileSync } from 'node:fs';
import { findCrossIntentDuplicates } from '../intents/duplicates';
import { INTENT_IDS } from '../intents/intent-ids';
import { loadCatalog } from '../intents/loader';
import type { Catalog, IntentDefinition } from '../bot/intent-schema';

const SOURCE = '/work/shared/data/bench/parakqc-train.jsonl';
const size = Number(process.argv[2] ?? 2500);

function syntheticCatalog(texts: readonly string[]): Catalog {
  const intents: IntentDefinition[] = INTENT_IDS.map((id, k) => ({
    id,
    name: { ko: id, en: id },
    policy: 'faq',
    owner: { queue: 'general', department: { ko: 'general', en: 'general' } },
    examples: { ko: texts.filter((_, i) => i % INTENT_IDS.length === k), en: [] },
    links: [],
    answers: [],
  }));
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}

function time<T>(label: string, runs: number, fn: () => T): T {
  let result = fn(); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label}: ${ms.toFixed(1)} ms per run (mean of ${runs})`);
  return result;
}

const texts = readFileSync(SOURCE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .slice(0, size)
  .map((line) => (JSON.parse(line) as { text: string }).text);
const synthetic = syntheticCatalog(texts);
const pairs = time(`findCrossIntentDuplicates, ${texts.length} ParaKQC examples`, 20, () => findCrossIntentDuplicates(synthetic));
console.log(`  ${pairs.length} pairs at >= 0.85`);

const real = time('loadCatalog (real catalog)', 5, () => loadCatalog());
const count = real.intents.reduce((n, i) => n + i.examples.ko.length + i.examples.en.length, 0);
time(`findCrossIntentDuplicates, real catalog (${real.intents.length} intents, ${count} examples)`, 20, () => findCrossIntentDuplicates(real));
