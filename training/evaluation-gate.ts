// The publish gate: a draft may replace the published model only if it does not regress it on
// the cross-validated evaluation. Regression = macro-F1 more than half a point lower, or
// emergency recall more than EMERGENCY_RECALL_TOLERANCE lower.
// Why a tolerance on emergency recall: cross-validation retrains every fold, so an unrelated
// one-example edit moves it by itself. Measured on the full catalog (k = 5, seed 1), adding one
// example to passport.issue, license.driver_renewal or employment.unemployment_benefit moved it
// by +1.4, -1.1 and +0.4 points; "any drop" would refuse about every other harmless draft and
// teach trainers to force. Two points is beyond that noise and still a handful of emergencies.
export const MACRO_F1_TOLERANCE = 0.005;
export const EMERGENCY_RECALL_TOLERANCE = 0.02;

/** The evaluation numbers the gate reads (a TrainerEvaluation has them). */
export interface GateMetrics {
  readonly macroF1: number;
  readonly emergencyRecall: number | null;
}

export interface Regression {
  readonly metric: 'macroF1' | 'emergencyRecall';
  readonly published: number;
  /** null: the draft's evaluation had no emergency examples to measure. */
  readonly draft: number | null;
}

// Float noise from pooling must not count as a drop.
const EPSILON = 1e-9;

export function findRegressions(draft: GateMetrics, published: GateMetrics): Regression[] {
  const found: Regression[] = [];
  if (published.macroF1 - draft.macroF1 > MACRO_F1_TOLERANCE + EPSILON) {
    found.push({ metric: 'macroF1', published: published.macroF1, draft: draft.macroF1 });
  }
  if (
    published.emergencyRecall !== null &&
    (draft.emergencyRecall === null || published.emergencyRecall - draft.emergencyRecall > EMERGENCY_RECALL_TOLERANCE + EPSILON)
  ) {
    found.push({ metric: 'emergencyRecall', published: published.emergencyRecall, draft: draft.emergencyRecall });
  }
  return found;
}

/** Reads the gate's numbers from a stored metrics object, if it holds an evaluation. */
export function gateMetricsOf(metrics: unknown): GateMetrics | undefined {
  const evaluation = (metrics as { evaluation?: { macroF1?: unknown; emergencyRecall?: unknown } } | null)?.evaluation;
  if (!evaluation || typeof evaluation.macroF1 !== 'number') return undefined;
  const recall = evaluation.emergencyRecall;
  return { macroF1: evaluation.macroF1, emergencyRecall: typeof recall === 'number' ? recall : null };
}
