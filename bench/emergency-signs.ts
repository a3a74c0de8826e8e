// How often triage calls something urgent that is not, and misses what is (issue 15: on a flood
// day, questions about a closed underpass went urgent). Two sets:
// - the catalog's own examples, out of fold (5-fold stratified: each scored by a model that never
//   saw it): emergency examples kept urgent, and other intents' examples called urgent;
// - a disaster day's burst (bench/surge-day.ts, seeded): variants of a question about a closed,
//   flooded underpass, none in danger, and the danger messages that ride inside the burst.
//   npx tsx bench/emergency-signs.ts [--seed 7] [--burst 300] [--list]
import { parseArgs } from 'node:util';
import { trainModel } from '../bot/classifier';
import { NLU_TOOLKIT } from '../bot/nlu-toolkit';
import { EMERGENCY_INTENT } from '../bot/policy';
import { triage } from '../bot/triage';
import type { IntentModel } from '../bot/model-types';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../intents/loader';
import { catalogExamples } from '../training/catalog-examples';
import { DEFAULT_EVALUATION_SEED, DEFAULT_FOLDS, stratifiedFolds } from '../training/evaluation';
import { seededRandom } from '../core/random';
import { burstVariant, dangerMessage } from './surge-day';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '7' }, burst: { type: 'string', default: '300' }, list: { type: 'boolean', default: false } },
});
const catalog = loadCatalog(DEFAULT_CATALOG_DIR);
const conversation = { channel: 'web' as const, isPublic: false, recentOutOfScope: 0, now: new Date('2026-12-01T03:00:00Z') };
const isUrgent = (text: string, model: IntentModel) => triage(text, conversation, model, catalog, { nlu: NLU_TOOLKIT }).action === 'urgent';
const pct = (n: number, of: number) => `${n} / ${of} (${((100 * n) / of).toFixed(1)}%)`;
const listed: string[] = [];

// Intents with urgent situations of their own (money just sent to a scammer) are urgent by design.
const hasOwnUrgency = (intent: string) => catalog.byId.get(intent)?.situations !== undefined;
let emergencies = 0;
let kept = 0;
let others = 0;
let falseUrgent = 0;
const folds = stratifiedFolds(catalogExamples(catalog), DEFAULT_FOLDS, DEFAULT_EVALUATION_SEED);
folds.forEach((heldOut, k) => {
  const model = trainModel(folds.filter((_, j) => j !== k).flat());
  for (const { text, intent } of heldOut) {
    const urgent = isUrgent(text, model);
    if (intent === EMERGENCY_INTENT) {
      emergencies++;
      if (urgent) kept++;
      else listed.push(`  missed emergency: ${text}`);
    } else if (!hasOwnUrgency(intent)) {
      others++;
      if (urgent) {
        falseUrgent++;
        listed.push(`  false urgent (${intent}): ${text}`);
      }
    }
  }
});

const model = trainModel(catalogExamples(catalog));
const rng = seededRandom(Number(values.seed));
const burst = Array.from({ length: Number(values.burst) }, () => burstVariant(rng));
const danger = Array.from({ length: 30 }, () => dangerMessage(rng));
const burstUrgent = burst.filter((m) => isUrgent(m.text, model));
for (const m of burstUrgent) listed.push(`  burst urgent: ${m.text}`);
const dangerKept = danger.filter((m) => isUrgent(m.text, model)).length;

console.log(`catalog, out of fold (${DEFAULT_FOLDS} folds): emergency examples kept urgent ${pct(kept, emergencies)}`);
console.log(`catalog, out of fold: other examples called urgent ${pct(falseUrgent, others)}`);
console.log(`disaster-day burst (seed ${values.seed}): variants called urgent ${pct(burstUrgent.length, burst.length)}`);
console.log(`disaster-day danger messages kept urgent ${pct(dangerKept, danger.length)}`);
if (values.list) console.log(listed.join('\n'));
