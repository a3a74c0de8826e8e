// Evaluation of a trained model on labelled test data: the numbers bench-nlu prints and the
// trainer's evaluation screen needs. Labels are compared after thresholds, as triage sees them.
import { expectedCalibrationError } from './calibration';
import { macroF1 } from './label-metrics';
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
  /** Expected calibration error of the top score over all of test, raw (T = 1) and calibrated. */
  readonly ece: EceReport;
  /**
   * The same over in-scope and over out-of-scope examples only (null when absent). Temperature
   * is fitted on held-out data whose out-of-scope share can differ from test's, so the overall
   * figure alone can hide where calibration helps and where it hurts.
   */
  readonly eceInScope: EceReport | null;
  readonly eceOutOfScope: EceReport | null;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
  readonly predictions: readonly PredictionRecord[];
}

export interface EceReport {
  readonly raw: number;
  readonly calibrated: number;
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
  const raw = test.map((e) => {
    const top = model.scoresAt(e.text, 1)[0]!;
    return { confidence: top.confidence, correct: top.intent === e.intent };
  });
  const calibrated = tops.map((t, i) => ({ confidence: t.confidence, correct: t.intent === test[i]!.intent }));
  const eceWhere = (keep: (e: LabelledExample) => boolean): EceReport | null => {
    const rows = test.flatMap((e, i) => (keep(e) ? [i] : []));
    if (rows.length === 0) return null;
    return { raw: expectedCalibrationError(rows.map((i) => raw[i]!)), calibrated: expectedCalibrationError(rows.map((i) => calibrated[i]!)) };
  };
  return {
    examples: test.length,
    accuracy: test.length === 0 ? 0 : correct / test.length,
    macroF1: macroF1(predictions),
    inScopeAccuracy: share(inScope),
    outOfScopeRecall: share(oos),
    curve: CURVE_THRESHOLDS.map((threshold) => curvePoint(tops, test, threshold)),
    ece: { raw: expectedCalibrationError(raw), calibrated: expectedCalibrationError(calibrated) },
    eceInScope: oos.length > 0 ? eceWhere((e) => e.intent !== OUT_OF_SCOPE) : null,
    eceOutOfScope: eceWhere((e) => e.intent === OUT_OF_SCOPE),
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) },
    predictions,
  };
}

function curvePoint(tops: readonly { intent: string; confidence: number }[], test: readonly LabelledExample[], threshold: number): CurvePoint {
  let answered = 0;
  let right = 0;
  tops.forEach((t, i) => {
    if (t.intent === OUT_OF_SCOPE || t.confidence < threshold) return;
    answered++;
    if (t.intent === test[i]!.intent) right++;
  });
  return { threshold, answered: tops.length ? answered / tops.length : 0, precision: answered ? right / answered : 0 };
}

export function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
