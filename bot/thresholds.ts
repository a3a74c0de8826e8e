// Turning calibrated scores into a decision, and choosing the thresholds on validation data.
// Below its threshold the top intent is rejected as low confidence (the label becomes
// out_of_scope); when the top two are too close it is flagged ambiguous (triage asks which).
import { OUT_OF_SCOPE, type IntentModel, type ThresholdedPrediction, type Thresholds } from './model-types';
import type { IntentScore } from './types';

export const DEFAULT_THRESHOLDS: Thresholds = { global: 0.5, perIntent: {}, margin: 0.05 };

export function applyThresholds(model: IntentModel, text: string): ThresholdedPrediction {
  return thresholdScores(model.predict(text), model.thresholds);
}

/** The same rule as applyThresholds, for scores already computed (best first). */
export function thresholdScores(scores: readonly IntentScore[], thresholds: Thresholds): ThresholdedPrediction {
  const top = scores[0];
  if (!top) return { intent: OUT_OF_SCOPE, confidence: 1, topK: scores, rejected: 'low_confidence' };
  if (top.intent === OUT_OF_SCOPE) return { intent: OUT_OF_SCOPE, confidence: top.confidence, topK: scores, rejected: null };
  const threshold = thresholds.perIntent[top.intent] ?? thresholds.global;
  if (top.confidence < threshold) {
    const oos = scores.find((s) => s.intent === OUT_OF_SCOPE);
    return { intent: OUT_OF_SCOPE, confidence: oos?.confidence ?? 1 - top.confidence, topK: scores, rejected: 'low_confidence' };
  }
  const second = scores[1]?.confidence ?? 0;
  const rejected = top.confidence - second < thresholds.margin ? 'ambiguous' : null;
  return { intent: top.intent, confidence: top.confidence, topK: scores, rejected };
}

/** One validation example as the tuner sees it: the calibrated top two and the gold label. */
export interface ScoredExample {
  readonly gold: string;
  readonly top: string;
  readonly topConfidence: number;
  readonly secondConfidence: number;
}

const GRID_STEP = 0.01;
/** The margin grid stops here: a wider "ambiguous" band would send clear answers to a question. */
const MAX_MARGIN = 0.3;
/** Below this many examples a band's accuracy is noise, and the default margin is kept. */
const MIN_BAND = 5;

/**
 * Tunes the global threshold and the margin on validation examples (never on test data).
 * - global: the cut that maximises validation accuracy, where a rejected prediction counts as
 *   out_of_scope. Ties go to the lower cut, which answers more.
 * - margin: the widest top1−top2 band inside which the top intent is right at most half the
 *   time; there, asking the citizen to choose beats guessing.
 * Per-intent thresholds are left empty: a few validation examples per intent would overfit them,
 * and the catalog can still set its own per-intent threshold.
 */
export function tuneThresholds(examples: readonly ScoredExample[]): Thresholds {
  if (examples.length === 0) return DEFAULT_THRESHOLDS;
  const global = tuneGlobal(examples);
  return { global, perIntent: {}, margin: tuneMargin(examples, global) };
}

function tuneGlobal(examples: readonly ScoredExample[]): number {
  let best = 0;
  let bestCorrect = -1;
  for (let step = 0; step <= 95; step++) {
    const cut = step * GRID_STEP;
    let correct = 0;
    for (const e of examples) {
      const label = e.top !== OUT_OF_SCOPE && e.topConfidence < cut ? OUT_OF_SCOPE : e.top;
      if (label === e.gold) correct++;
    }
    if (correct > bestCorrect) {
      bestCorrect = correct;
      best = cut;
    }
  }
  return round(best);
}

function tuneMargin(examples: readonly ScoredExample[], global: number): number {
  // Only answers that clear the threshold can be ambiguous; the rest are already rejected.
  const inScope = examples.filter((e) => e.top !== OUT_OF_SCOPE && e.topConfidence >= global);
  let margin = 0;
  for (let step = 1; step * GRID_STEP <= MAX_MARGIN + 1e-9; step++) {
    const m = step * GRID_STEP;
    const band = inScope.filter((e) => e.topConfidence - e.secondConfidence < m);
    if (band.length < MIN_BAND) continue;
    const right = band.filter((e) => e.top === e.gold).length;
    if (right / band.length <= 0.5) margin = m;
  }
  return examples.length < 20 * MIN_BAND ? DEFAULT_THRESHOLDS.margin : round(margin);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
