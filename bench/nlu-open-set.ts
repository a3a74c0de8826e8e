// npx tsx bench/nlu-open-set.ts [--folds 3] [--options '{"features":{"charMax":4},"softmax":{"epochs":45}}']
// How well the classifier rejects what it was not trained on, measured without any test set.
// CLINC150 val has only 100 out-of-scope examples: too few to tell two settings apart. So each
// fold hides a fifth of the 150 intents from training, and their val examples play unseen,
// near-domain out-of-scope messages beside the real out-of-scope val examples. The model trains on
// the other intents of train (temperature and thresholds from their val examples).
// Pooled over the folds, it prints the top-1 accuracy on the kept intents and, at the rejection
// threshold that keeps in-scope accuracy at 92.5 / 93.0 / 93.5%, the share of real out-of-scope
// and of hidden-intent messages rejected: a val-only picture of the in-scope/out-of-scope curve.
import { parseArgs } from 'node:util';
import { trainModel, type TrainOptions } from '../bot/classifier';
import { shuffleInPlace } from '../bot/classifier-softmax';
import { seededRandom } from '../core/random';
import { readLabelledJsonl } from '../bot/jsonl';
import { OUT_OF_SCOPE, type LabelledExample } from '../bot/model-types';
import { sharedData } from './shared-data';

const HIDDEN_SHARE = 5;
const IN_SCOPE_TARGETS = [0.925, 0.93, 0.935];

interface Scored {
  readonly gold: string;
  readonly top: string;
  /** Calibrated confidence of the top intent; -1 when the top label is out_of_scope itself. */
  readonly confidence: number;
}

function main(): void {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '3' }, options: { type: 'string', default: '{}' } } });
  // At most HIDDEN_SHARE folds: each hides a different fifth of the intents.
  const folds = Math.min(Number(values.folds), HIDDEN_SHARE);
  const options = JSON.parse(values.options!) as TrainOptions;
  const train = readLabelledJsonl(sharedData('bench', 'clinc150-train.jsonl'));
  const val = readLabelledJsonl(sharedData('bench', 'clinc150-val.jsonl'));
  const intents = [...new Set(train.map((e) => e.intent))].filter((i) => i !== OUT_OF_SCOPE).sort();
  const order = Int32Array.from(intents, (_, i) => i);
  shuffleInPlace(order, seededRandom(7));

  const kept: Scored[] = [];
  const hidden: Scored[] = [];
  let trainingMs = 0;
  for (let fold = 0; fold < folds; fold++) {
    const hide = new Set([...order].filter((_, rank) => rank % HIDDEN_SHARE === fold).map((i) => intents[i]!));
    const started = performance.now();
    const model = trainModel(
      train.filter((e) => !hide.has(e.intent)),
      { ...options, val: val.filter((e) => !hide.has(e.intent)) },
    );
    trainingMs += performance.now() - started;
    const score = (e: LabelledExample): Scored => {
      const top = model.predict(e.text)[0]!;
      return { gold: e.intent, top: top.intent, confidence: top.intent === OUT_OF_SCOPE ? -1 : top.confidence };
    };
    for (const e of val) (hide.has(e.intent) ? hidden : kept).push(score(e));
  }

  const inScope = kept.filter((s) => s.gold !== OUT_OF_SCOPE);
  const outOfScope = kept.filter((s) => s.gold === OUT_OF_SCOPE);
  const rejectedShare = (rows: readonly Scored[], cut: number) => rows.filter((s) => s.confidence < cut).length / rows.length;
  const inScopeAccuracy = (cut: number) => inScope.filter((s) => s.confidence >= cut && s.top === s.gold).length / inScope.length;
  const curve = IN_SCOPE_TARGETS.map((target) => {
    // The highest cut (0.001 steps) that still keeps in-scope accuracy at the target.
    let cut = 0;
    for (let step = 1; step <= 1000 && inScopeAccuracy(step / 1000) >= target; step++) cut = step / 1000;
    return { inScopeAccuracy: target, threshold: cut, outOfScopeRecall: rejectedShare(outOfScope, cut), hiddenIntentRejected: rejectedShare(hidden, cut) };
  });
  const top1 = inScope.filter((s) => s.top === s.gold).length / inScope.length;
  console.log(JSON.stringify({ options, folds, meanTrainingMs: Math.round(trainingMs / folds), keptTop1: top1, curve }));
}

main();
