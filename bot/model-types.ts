// The contract between the classifier (bot/classifier*.ts) and everything that uses it
// (triage, the trainer API, the CLI). The classifier implementation may change; this may not.
import type { IntentScore } from './types';

export const OUT_OF_SCOPE = 'out_of_scope';

export interface LabelledExample {
  readonly text: string;
  /** An intent id; OUT_OF_SCOPE marks out-of-scope examples. */
  readonly intent: string;
}

/** Decision thresholds on calibrated confidence. */
export interface Thresholds {
  /** Top intent below this confidence is rejected (treated as out of scope / low confidence). */
  readonly global: number;
  /** Per-intent overrides of `global`. */
  readonly perIntent: Readonly<Record<string, number>>;
  /** If top1 - top2 is below this, the result is ambiguous. */
  readonly margin: number;
}

export interface IntentModel {
  /** Content hash of the serialised model, e.g. 'm-3f9c0e12ab'. */
  readonly version: string;
  /** Every label the model can output, OUT_OF_SCOPE included when it was trained with it. */
  readonly intents: readonly string[];
  readonly thresholds: Thresholds;
  /** Calibrated scores over all intents, best first, summing to ~1. Never throws. */
  predict(text: string): IntentScore[];
}

/** The label after thresholds: what bench-nlu writes as `intent` and triage starts from. */
export interface ThresholdedPrediction {
  readonly intent: string;
  readonly confidence: number;
  readonly topK: readonly IntentScore[];
  /** Why the top intent was not accepted, if it was not. */
  readonly rejected: 'low_confidence' | 'ambiguous' | null;
}
