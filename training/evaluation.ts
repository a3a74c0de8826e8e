// Evaluates a training recipe on the catalog by stratified k-fold cross-validation: each fold is
// held out once while a model trained on the other folds (the real classifier, the same options
// as a published model) triages it with the full policy. Pooled over folds this gives what the
// trainer reads before publishing: per-intent precision/recall/F1, confusion pairs, auto-answer
// precision and coverage, emergency recall, the auto-answer curve and calibration.
// The metrics themselves are the shared ones (bot/label-metrics, bot/classifier-eval,
// bot/calibration, training/policy-evaluation); this file only splits, trains and pools.
import { expectedCalibrationError } from '../bot/calibration';
import { trainModel, type TrainOptions, type TrainProgress } from '../bot/classifier';
import { evaluate, type CurvePoint } from '../bot/classifier-eval';
import { shuffleInPlace } from '../bot/classifier-softmax';
import { seededRandom } from '../core/random';
import { macroF1 } from '../bot/label-metrics';
import type { LabelledExample } from '../bot/model-types';
import type { Catalog } from '../bot/intent-schema';
import { catalogExamples } from './catalog-examples';
import { evaluatePolicy, triageLabelled, type PolicyEvaluation, type PolicyRecord } from './policy-evaluation';

export const DEFAULT_FOLDS = 5;
export const DEFAULT_EVALUATION_SEED = 1;
/** Reliability diagram resolution; the ECE is computed over the same bins. */
export const CALIBRATION_BINS = 10;

export type RecipeOptions = Omit<TrainOptions, 'onProgress' | 'seed' | 'val'>;

export interface CrossValidationOptions {
  readonly folds?: number;
  /** Fold assignment and training seed: the same catalog and seed give the same evaluation. */
  readonly seed?: number;
  readonly train?: RecipeOptions;
  /** The clock triage sees (seasonal answers); default now. */
  readonly now?: Date;
  /** Called before each fold's training starts (0-based) and once more when all are done. */
  readonly onFold?: (done: number, total: number) => void;
  readonly onTrainProgress?: (progress: TrainProgress) => void;
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean top confidence in the bin (0 when empty). */
  readonly confidence: number;
  /** Share of the bin whose top intent was right (0 when empty). */
  readonly accuracy: number;
}

export interface TrainerEvaluation extends PolicyEvaluation {
  readonly method: { readonly kind: 'stratified-k-fold'; readonly folds: number; readonly seed: number };
  readonly macroF1: number;
  /** Share of messages whose top in-scope intent clears each threshold, and its precision. */
  readonly curve: readonly CurvePoint[];
  readonly calibration: { readonly ece: number; readonly bins: readonly ReliabilityBin[] };
}

/** FNV-1a: a per-intent seed, so editing one intent's examples leaves the others' folds alone. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Splits examples into `k` folds with every intent spread as evenly as its size allows:
 * each intent's examples are shuffled (seeded) and dealt round-robin from an intent-specific
 * starting fold, so small intents do not all land in fold 0.
 */
export function stratifiedFolds(examples: readonly LabelledExample[], k: number, seed: number): LabelledExample[][] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`stratifiedFolds: k must be an integer ≥ 2, got ${k}`);
  const byIntent = new Map<string, LabelledExample[]>();
  for (const e of examples) {
    const group = byIntent.get(e.intent);
    if (group) group.push(e);
    else byIntent.set(e.intent, [e]);
  }
  const folds: LabelledExample[][] = Array.from({ length: k }, () => []);
  for (const intent of [...byIntent.keys()].sort()) {
    const group = byIntent.get(intent)!;
    const order = Int32Array.from(group, (_, i) => i);
    const key = hashString(intent);
    shuffleInPlace(order, seededRandom((seed ^ key) >>> 0));
    order.forEach((index, rank) => folds[(rank + key) % k]!.push(group[index]!));
  }
  return folds;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function crossValidate(catalog: Catalog, options: CrossValidationOptions = {}): Promise<TrainerEvaluation> {
  const k = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_EVALUATION_SEED;
  const now = options.now ?? new Date();
  const folds = stratifiedFolds(catalogExamples(catalog), k, seed);
  const records: PolicyRecord[] = [];
  const tops: { confidence: number; correct: boolean }[] = [];
  const curves: { readonly size: number; readonly curve: readonly CurvePoint[] }[] = [];

  for (let i = 0; i < k; i++) {
    options.onFold?.(i, k);
    // Training is synchronous: give queued I/O (HTTP requests, progress writes) a turn first.
    await nextTick();
    const test = folds[i]!;
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    if (test.length === 0 || train.length === 0) continue;
    const model = trainModel(train, { ...options.train, seed, onProgress: options.onTrainProgress });
    curves.push({ size: test.length, curve: evaluate(model, test).curve });
    for (const example of test) {
      const { record, decision } = triageLabelled(example, model, catalog, now);
      records.push(record);
      const top = decision.topK[0];
      if (top) tops.push({ confidence: top.confidence, correct: top.intent === example.intent });
    }
  }
  options.onFold?.(k, k);

  return {
    method: { kind: 'stratified-k-fold', folds: k, seed },
    ...evaluatePolicy(records, catalog),
    macroF1: macroF1(records),
    curve: poolCurves(curves),
    calibration: { ece: expectedCalibrationError(tops, CALIBRATION_BINS), bins: reliabilityBins(tops, CALIBRATION_BINS) },
  };
}

/** Per-fold curves (shares of each fold) → one curve over all held-out messages. */
function poolCurves(curves: readonly { readonly size: number; readonly curve: readonly CurvePoint[] }[]): CurvePoint[] {
  const total = curves.reduce((sum, c) => sum + c.size, 0);
  const thresholds = curves[0]?.curve.map((p) => p.threshold) ?? [];
  return thresholds.map((threshold, j) => {
    let answered = 0;
    let right = 0;
    for (const { size, curve } of curves) {
      const point = curve[j]!;
      const count = Math.round(point.answered * size);
      answered += count;
      right += Math.round(point.precision * count);
    }
    return { threshold, answered: total === 0 ? 0 : answered / total, precision: answered === 0 ? 0 : right / answered };
  });
}

/** The reliability diagram: equal-width confidence bins with their mean confidence and accuracy. */
export function reliabilityBins(points: readonly { confidence: number; correct: boolean }[], bins: number): ReliabilityBin[] {
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const p of points) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p.confidence * bins)));
    count[bin]! += 1;
    confidence[bin]! += p.confidence;
    if (p.correct) hits[bin]! += 1;
  }
  return count.map((n, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: n,
    confidence: n === 0 ? 0 : confidence[b]! / n,
    accuracy: n === 0 ? 0 : hits[b]! / n,
  }));
}
