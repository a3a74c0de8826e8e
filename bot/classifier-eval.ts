// Evaluation of a trained model on labelled test data: the numbers bench-nlu prints and the
// trainer's evaluation screen needs. Labels are compared after thresholds, as triage sees them.
import { expectedCalibrationError } from './calibration';
import type { LinearIntentModel } from './classifier-model';
import { OUT_OF_SCOPE, type LabelledExample } from './model-types';
import { thresholdScores } from './thresholds';

export interface PredictionRecord {
  readonly text: string;
  readonly gold: string;
  /** Final label after thresholds. */
  readonly intent: string;
  readonly confidence: number;
}

export interface CurvePoint {
  readonly threshold: number;
  /** Share of test messages whose top in-scope intent clears the threshold. */
  readonly answered: number;
  /** Of those, the share whose top intent is right. */
  readonly precision: number;
}

export interface Evaluation {
  readonly examples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Null when the test set has no in-scope / no out-of-scope examples. */
  readonly inScopeAccuracy: number | null;
  readonly outOfScopeRecall: number | null;
  readonly curve: readonly CurvePoint[];
  readonly ece: { readonly raw: number; readonly calibrated: number };
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly predictions: readonly PredictionRecord[];
}

export const CURVE_THRESHOLDS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

export function evaluate(model: LinearIntentModel, test: readonly LabelledExample[]): Evaluation {
  const latencies = new Float64Array(test.length);
  const tops: { intent: string; confidence: number }[] = [];
  const predictions = test.map((e, i) => {
    const started = performance.now();
    const scores = model.predict(e.text);
    latencies[i] = performance.now() - started;
    const decided = thresholdScores(scores, model.thresholds);
    tops.push(scores[0] ?? { intent: OUT_OF_SCOPE, confidence: 1 });
    return { text: e.text, gold: e.intent, intent: decided.intent, confidence: decided.confidence };
  });
  const correct = predictions.filter((p) => p.intent === p.gold).length;
  const inScope = predictions.filter((p) => p.gold !== OUT_OF_SCOPE);
  const oos = predictions.filter((p) => p.gold === OUT_OF_SCOPE);
  const share = (xs: readonly PredictionRecord[]) => (xs.length === 0 ? null : xs.filter((p) => p.intent === p.gold).length / xs.length);
  const rawEce = expectedCalibrationError(
    test.map((e) => {
      const top = model.scoresAt(e.text, 1)[0]!;
      return { confidence: top.confidence, correct: top.intent === e.intent };
    }),
  );
  const calibratedEce = expectedCalibrationError(tops.map((t, i) => ({ confidence: t.confidence, correct: t.intent === test[i]!.intent })));
  return {
    examples: test.length,
    accuracy: test.length === 0 ? 0 : correct / test.length,
    macroF1: macroF1(predictions),
    inScopeAccuracy: share(inScope),
    outOfScopeRecall: share(oos),
    curve: CURVE_THRESHOLDS.map((threshold) => curvePoint(tops, test, threshold)),
    ece: { raw: rawEce, calibrated: calibratedEce },
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    predictions,
  };
}

function curvePoint(
  tops: readonly { intent: string; confidence: number }[],
  test: readonly LabelledExample[],
  threshold: number,
): CurvePoint {
  let answered = 0;
  let right = 0;
  tops.forEach((t, i) => {
    if (t.intent === OUT_OF_SCOPE || t.confidence < threshold) return;
    answered++;
    if (t.intent === test[i]!.intent) right++;
  });
  return { threshold, answered: tops.length ? answered / tops.length : 0, precision: answered ? right / answered : 0 };
}

/** Macro-averaged F1 over every label that occurs as gold or prediction. */
export function macroF1(predictions: readonly { gold: string; intent: string }[]): number {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const p of predictions) {
    if (p.intent === p.gold) bump(tp, p.gold);
    else {
      bump(fp, p.intent);
      bump(fn, p.gold);
    }
  }
  const labels = new Set([...tp.keys(), ...fp.keys(), ...fn.keys()]);
  if (labels.size === 0) return 0;
  let sum = 0;
  for (const label of labels) {
    const t = tp.get(label) ?? 0;
    const denominator = 2 * t + (fp.get(label) ?? 0) + (fn.get(label) ?? 0);
    sum += denominator === 0 ? 0 : (2 * t) / denominator;
  }
  return sum / labels.size;
}

export function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
