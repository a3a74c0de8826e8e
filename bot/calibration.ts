// Calibration: make a confidence of 0.9 right about 90% of the time. Temperature scaling
// (Guo et al. 2017) divides all logits by one T fitted on held-out data: it keeps the ranking,
// so accuracy is unchanged, and a single parameter cannot overfit a small validation set.
import { Math } from '../core/local-math';

/** Held-out logits: `rows` rows of `classes` values, and the gold class of each row. */
export interface HeldOutLogits {
  readonly classes: number;
  readonly logits: Float64Array;
  readonly gold: Int32Array;
}

/** Softmax of logits / temperature, written into `out`. */
export function softmaxInto(logits: ArrayLike<number>, offset: number, classes: number, temperature: number, out: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]!);
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp((logits[offset + k]! - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) out[k]! /= sum;
}

/** Mean negative log-likelihood of the gold classes at a temperature. */
export function meanNll(data: HeldOutLogits, temperature: number): number {
  const { classes, logits, gold } = data;
  let total = 0;
  for (let r = 0; r < gold.length; r++) {
    const offset = r * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logits[offset + k]!);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp((logits[offset + k]! - max) / temperature);
    total += Math.log(sum) - (logits[offset + gold[r]!]! - max) / temperature;
  }
  return total / Math.max(1, gold.length);
}

/** The temperature in [0.02, 50] with the lowest held-out NLL (golden-section search on log T). */
export function fitTemperature(data: HeldOutLogits): number {
  if (data.gold.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(0.02);
  let hi = Math.log(50);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(data, Math.exp(a));
  let fb = meanNll(data, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(data, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(data, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Expected calibration error: the gap between confidence and accuracy, averaged over
 * equal-width confidence bins weighted by how many predictions fall in each.
 */
export function expectedCalibrationError(predictions: readonly { readonly confidence: number; readonly correct: boolean }[], bins = 15): number {
  const count = new Float64Array(bins);
  const conf = new Float64Array(bins);
  const hits = new Float64Array(bins);
  for (const p of predictions) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p.confidence * bins)));
    count[bin]!++;
    conf[bin]! += p.confidence;
    if (p.correct) hits[bin]!++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    if (count[b]! > 0) ece += Math.abs(conf[b]! - hits[b]!);
  }
  return predictions.length > 0 ? ece / predictions.length : 0;
}
