// trainModel(): labelled examples → IntentModel, synchronously and in-process.
// Steps: fit the hashed tf-idf vocabulary, train softmax regression, then on held-out data fit
// the temperature (calibration) and tune the thresholds. Held-out data is `val` when given;
// otherwise a stratified share of train, after which the model is retrained on all of train
// with the temperature and thresholds found on the held-out share.
import { fitTemperature } from './calibration';
import { LinearIntentModel, type ModelParts } from './classifier-model';
import { seededRandom } from '../core/random';
import { DEFAULT_SOFTMAX, quantizeWeights, shuffleInPlace, trainSoftmax, type SoftmaxOptions } from './classifier-softmax';
import { DEFAULT_FEATURES, fitVocabulary, transformAll, Vectorizer, type FeatureConfig } from './features';
import { OUT_OF_SCOPE, type LabelledExample } from './model-types';
import { modelVersion } from './model-file';
import { DEFAULT_THRESHOLDS, tuneThresholds, type ScoredExample } from './thresholds';

export interface TrainProgress {
  readonly stage: 'features' | 'epoch' | 'calibrate' | 'refit' | 'done';
  readonly epoch?: number;
  readonly epochs?: number;
  /** Mean training cross-entropy of the epoch just finished. */
  readonly loss?: number;
  readonly elapsedMs: number;
}

export interface TrainOptions {
  /** Same seed + same data = same model (and the same version hash). Default 1. */
  readonly seed?: number;
  /** Held-out data for calibration and thresholds; never trained on. */
  readonly val?: readonly LabelledExample[];
  /** Without `val`: the share of each intent held out for calibration (default 0.2). */
  readonly heldOutShare?: number;
  readonly features?: Partial<FeatureConfig>;
  readonly softmax?: Partial<Omit<SoftmaxOptions, 'seed' | 'onEpoch' | 'classWeights'>>;
  /**
   * Loss weight of out_of_scope examples relative to an intent's (default
   * DEFAULT_OUT_OF_SCOPE_WEIGHT). Out-of-scope text is far more varied than any one intent, so
   * its few examples need more pull to claim the space between intents.
   */
  readonly outOfScopeWeight?: number;
  readonly onProgress?: (progress: TrainProgress) => void;
}

export const DEFAULT_OUT_OF_SCOPE_WEIGHT = 1;

export function trainModel(examples: readonly LabelledExample[], options: TrainOptions = {}): LinearIntentModel {
  if (examples.length === 0) throw new Error('trainModel: no training examples');
  const started = performance.now();
  const report = (p: Omit<TrainProgress, 'elapsedMs'>) => options.onProgress?.({ ...p, elapsedMs: performance.now() - started });
  const seed = options.seed ?? 1;
  const fit = (data: readonly LabelledExample[], intents: readonly string[]) => fitParts(data, intents, options, seed, report);
  const intents = [...new Set(examples.map((e) => e.intent))].sort();

  let heldOut = options.val ?? [];
  let parts: ModelParts;
  if (heldOut.length > 0) {
    parts = fit(examples, intents);
  } else {
    const split = stratifiedSplit(examples, options.heldOutShare ?? 0.2, seed);
    heldOut = split.heldOut;
    parts = fit(heldOut.length > 0 ? split.train : examples, intents);
  }

  report({ stage: 'calibrate' });
  const probe = new LinearIntentModel(parts, 'm-probe');
  const known = heldOut.filter((e) => intents.includes(e.intent));
  const temperature = known.length > 0 ? fitTemperature(heldOutLogits(probe, known)) : 1;
  const calibrated = new LinearIntentModel({ ...parts, temperature }, 'm-probe');
  const thresholds = known.length > 0 ? tuneThresholds(scoreExamples(calibrated, heldOut)) : DEFAULT_THRESHOLDS;

  if (!options.val && heldOut.length > 0) {
    report({ stage: 'refit' });
    parts = fit(examples, intents);
  }
  const final: ModelParts = { ...parts, temperature, thresholds };
  report({ stage: 'done' });
  return new LinearIntentModel(final, modelVersion(final));
}

function fitParts(
  data: readonly LabelledExample[],
  intents: readonly string[],
  options: TrainOptions,
  seed: number,
  report: (p: Omit<TrainProgress, 'elapsedMs'>) => void,
): ModelParts {
  report({ stage: 'features' });
  const texts = data.map((e) => e.text);
  const vocabulary = fitVocabulary(texts, { ...DEFAULT_FEATURES, ...options.features });
  const vectorizer = new Vectorizer(vocabulary);
  const x = transformAll(vectorizer, texts);
  const index = new Map(intents.map((intent, i) => [intent, i]));
  const labels = Int32Array.from(data, (e) => index.get(e.intent)!);
  const settings = { ...DEFAULT_SOFTMAX, ...options.softmax };
  const oosWeight = options.outOfScopeWeight ?? DEFAULT_OUT_OF_SCOPE_WEIGHT;
  const classWeights = intents.map((intent) => (intent === OUT_OF_SCOPE ? oosWeight : 1));
  const weights = quantizeWeights(
    trainSoftmax(x, labels, intents.length, vectorizer.columns, {
      ...settings,
      classWeights,
      seed,
      onEpoch: (epoch, loss) => report({ stage: 'epoch', epoch, epochs: settings.epochs, loss }),
    }),
  );
  return { intents, vocabulary, weights, temperature: 1, thresholds: DEFAULT_THRESHOLDS };
}

/** Holds out `share` of each intent (at least one example stays in train), seeded. */
export function stratifiedSplit(examples: readonly LabelledExample[], share: number, seed: number): { train: LabelledExample[]; heldOut: LabelledExample[] } {
  const byIntent = new Map<string, LabelledExample[]>();
  for (const e of examples) {
    const group = byIntent.get(e.intent);
    if (group) group.push(e);
    else byIntent.set(e.intent, [e]);
  }
  const random = seededRandom(seed ^ 0x5bd1e995);
  const train: LabelledExample[] = [];
  const heldOut: LabelledExample[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const group = byIntent.get(intent)!;
    const order = Int32Array.from(group, (_, i) => i);
    shuffleInPlace(order, random);
    const hold = Math.min(group.length - 1, Math.floor(group.length * share));
    order.forEach((i, rank) => (rank < hold ? heldOut : train).push(group[i]!));
  }
  return { train, heldOut };
}

function heldOutLogits(model: LinearIntentModel, examples: readonly LabelledExample[]) {
  const k = model.intents.length;
  const logits = new Float64Array(examples.length * k);
  const gold = new Int32Array(examples.length);
  examples.forEach((e, r) => {
    logits.set(model.rawLogits(e.text), r * k);
    gold[r] = model.intents.indexOf(e.intent);
  });
  return { classes: k, logits, gold };
}

function scoreExamples(model: LinearIntentModel, examples: readonly LabelledExample[]): ScoredExample[] {
  return examples.map((e) => {
    const [top, second] = model.predict(e.text);
    return {
      gold: e.intent,
      top: top!.intent,
      topConfidence: top!.confidence,
      secondConfidence: second?.confidence ?? 0,
    };
  });
}
