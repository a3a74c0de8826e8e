// The trained intent model: featuriser + softmax weights + temperature + thresholds.
// predict() does no I/O and reuses its typed-array buffers, so a prediction allocates only the
// normalised string and the returned score list.
import { expectedCalibrationError } from './calibration';
import type { LinearWeights } from './classifier-softmax';
import { scoreRow } from './classifier-softmax';
import { Vectorizer, type Vocabulary } from './features';
import type { IntentModel, Thresholds } from './model-types';
import type { IntentScore } from './types';
import { Math } from '../core/local-math';

/** Everything a model is made of; the model file stores exactly this. */
export interface ModelParts {
  readonly intents: readonly string[];
  readonly vocabulary: Vocabulary;
  readonly weights: LinearWeights;
  /** Logits are divided by this before the softmax (calibration). */
  readonly temperature: number;
  readonly thresholds: Thresholds;
}

export class LinearIntentModel implements IntentModel {
  readonly intents: readonly string[];
  readonly thresholds: Thresholds;
  readonly temperature: number;
  private readonly vectorizer: Vectorizer;
  private readonly logits: Float64Array;
  private readonly order: Int32Array;

  constructor(
    readonly parts: ModelParts,
    readonly version: string,
  ) {
    if (parts.intents.length !== parts.weights.classes) {
      throw new Error(`model has ${parts.intents.length} intents but weights for ${parts.weights.classes} classes`);
    }
    this.intents = parts.intents;
    this.thresholds = parts.thresholds;
    this.temperature = parts.temperature;
    this.vectorizer = new Vectorizer(parts.vocabulary);
    this.logits = new Float64Array(parts.weights.classes);
    this.order = new Int32Array(parts.weights.classes);
  }

  /** Raw (uncalibrated) logits of `text` into a buffer the next call overwrites. */
  rawLogits(text: string): Float64Array {
    const v = this.vectorizer.transform(typeof text === 'string' ? text : '');
    scoreRow(this.parts.weights, v.indices, v.values, v.length, this.logits);
    return this.logits;
  }

  predict(text: string): IntentScore[] {
    return this.scoresAt(text, this.temperature);
  }

  /** Scores at another temperature (1 = raw softmax): used to measure what calibration buys. */
  scoresAt(text: string, temperature: number): IntentScore[] {
    const z = this.rawLogits(text);
    const k = z.length;
    let max = -Infinity;
    for (let i = 0; i < k; i++) if (z[i]! > max) max = z[i]!;
    let sum = 0;
    for (let i = 0; i < k; i++) {
      z[i] = Math.exp((z[i]! - max) / temperature);
      sum += z[i]!;
    }
    const order = this.order;
    for (let i = 0; i < k; i++) order[i] = i;
    order.sort((a, b) => z[b]! - z[a]! || a - b);
    const scores: IntentScore[] = new Array(k);
    for (let i = 0; i < k; i++) {
      const c = order[i]!;
      scores[i] = { intent: this.intents[c]!, confidence: z[c]! / sum };
    }
    return scores;
  }
}

/** ECE of the top score on labelled texts, at the model's temperature and at T = 1. */
export function calibrationReport(
  model: LinearIntentModel,
  examples: readonly { readonly text: string; readonly intent: string }[],
): { readonly raw: number; readonly calibrated: number } {
  const at = (t: number) =>
    expectedCalibrationError(
      examples.map((e) => {
        const top = model.scoresAt(e.text, t)[0]!;
        return { confidence: top.confidence, correct: top.intent === e.intent };
      }),
    );
  return { raw: at(1), calibrated: at(model.temperature) };
}
