// Multinomial logistic regression (softmax) over sparse tf-idf rows, trained by SGD with L2.
// Weights are feature-major (all classes of one column side by side), so scoring a sparse row
// reads short contiguous runs. L2 decay uses the scale trick (W = scale · V), which keeps each
// step proportional to the row's non-zeros instead of the whole matrix.
import { seededRandom } from '../core/random';
import type { SparseMatrix } from './features';
import { Math } from '../core/local-math';

/** Weights as training produces them: columns × classes, row-major by column. */
export interface FloatWeights {
  readonly classes: number;
  readonly columns: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/**
 * Weights as a model keeps them: 8-bit, with one scale per column (weight = q · scale).
 * A quarter of the memory, so a CLINC-sized model loads fast and scoring (bound by memory
 * traffic, not arithmetic) gets quicker.
 */
export interface LinearWeights {
  readonly classes: number;
  readonly columns: number;
  readonly weights: Int8Array;
  readonly scales: Float32Array;
  readonly bias: Float32Array;
}

export function quantizeWeights(w: FloatWeights): LinearWeights {
  const { classes, columns } = w;
  const weights = new Int8Array(columns * classes);
  const scales = new Float32Array(columns);
  for (let c = 0; c < columns; c++) {
    const base = c * classes;
    let max = 0;
    for (let k = 0; k < classes; k++) max = Math.max(max, Math.abs(w.weights[base + k]!));
    const scale = max / 127;
    scales[c] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < classes; k++) weights[base + k] = Math.round(w.weights[base + k]! / scale);
  }
  return { classes, columns, weights, scales, bias: Float32Array.from(w.bias) };
}

export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly seed: number;
  /** Share of a row's features hidden at each training step (0 = none). */
  readonly dropout?: number;
  /** Loss weight of each class's examples (default 1 for all), e.g. to up-weight out_of_scope. */
  readonly classWeights?: readonly number[];
  /** Called after each epoch with the epoch number (1-based) and the mean training loss. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
}

// Chosen on validation data only by bench/nlu-tune.ts and bench/nlu-open-set.ts (see BENCHMARKS.md).
export const DEFAULT_SOFTMAX: Omit<SoftmaxOptions, 'seed'> = { epochs: 45, learningRate: 1, l2: 0, dropout: 0.8 };

// Classes whose gradient is this small are skipped: after the first epochs most of the
// probability mass sits on a few classes, and the rest of the update would be noise.
const GRADIENT_FLOOR = 1e-3;

export function shuffleInPlace(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

export function trainSoftmax(x: SparseMatrix, labels: Int32Array, classes: number, columns: number, options: SoftmaxOptions): FloatWeights {
  const v = new Float32Array(columns * classes);
  const bias = new Float32Array(classes);
  const z = new Float64Array(classes);
  const activeClass = new Int32Array(classes);
  const activeStep = new Float64Array(classes);
  let longest = 0;
  for (let r = 0; r < x.rows; r++) longest = Math.max(longest, x.offsets[r + 1]! - x.offsets[r]!);
  const rowIndices = new Int32Array(longest);
  const rowValues = new Float32Array(longest);
  const dropout = options.dropout ?? 0;
  const keepScale = 1 / (1 - dropout);
  const random = seededRandom(options.seed);
  const order = new Int32Array(x.rows).map((_, i) => i);
  const totalSteps = Math.max(1, options.epochs * x.rows);
  let scale = 1;
  let t = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (let r = 0; r < order.length; r++, t++) {
      const row = order[r]!;
      // Linear decay to a small floor: large steps first, fine ones at the end.
      const lr = options.learningRate * Math.max(0.02, 1 - t / totalSteps);
      // Feature dropout: each step sees a random part of the row, so the model cannot lean on a
      // few n-grams and generalises to paraphrases that share only some of them.
      let end = 0;
      for (let p = x.offsets[row]!; p < x.offsets[row + 1]!; p++) {
        if (dropout > 0 && random() < dropout) continue;
        rowIndices[end] = x.indices[p]!;
        rowValues[end++] = x.values[p]! * keepScale;
      }
      const start = 0;
      accumulate(v, null, classes, rowIndices, rowValues, start, end, z);
      let max = -Infinity;
      for (let k = 0; k < classes; k++) {
        z[k] = z[k]! * scale + bias[k]!;
        if (z[k]! > max) max = z[k]!;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      const gold = labels[row]!;
      const weight = options.classWeights?.[gold] ?? 1;
      loss -= weight * Math.log(Math.max(z[gold]! / sum, 1e-12));
      // z becomes the gradient of the loss w.r.t. the logits: p - onehot.
      for (let k = 0; k < classes; k++) z[k] = weight * (z[k]! / sum - (k === gold ? 1 : 0));
      scale *= 1 - lr * options.l2;
      const step = lr / scale;
      let active = 0;
      for (let k = 0; k < classes; k++) {
        const g = z[k]!;
        if (g > -GRADIENT_FLOOR && g < GRADIENT_FLOOR) continue;
        bias[k]! -= lr * g;
        activeClass[active] = k;
        activeStep[active++] = step * g;
      }
      for (let p = start; p < end; p++) {
        const base = rowIndices[p]! * classes;
        const xv = rowValues[p]!;
        for (let a = 0; a < active; a++) v[base + activeClass[a]!]! -= activeStep[a]! * xv;
      }
      if (scale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        scale = 1;
      }
    }
    options.onEpoch?.(epoch, loss / Math.max(1, x.rows));
  }
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return { classes, columns, weights: v, bias };
}

/** Raw logits of one sparse row into `out` (length ≥ classes). */
export function scoreRow(w: LinearWeights, indices: Int32Array, values: Float32Array, length: number, out: Float64Array): void {
  accumulate(w.weights, w.scales, w.classes, indices, values, 0, length, out);
  for (let k = 0; k < w.classes; k++) out[k]! += w.bias[k]!;
}

/** out = Σ x_p · W[col_p, ·] over the row's entries start..end. */
function accumulate(
  w: Float32Array | Int8Array,
  scales: Float32Array | null,
  classes: number,
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  for (let k = 0; k < classes; k++) out[k] = 0;
  let p = start;
  // Four columns per pass: a quarter of the loads and stores of `out` (about 2× faster in V8).
  for (; p + 3 < end; p += 4) {
    const b0 = indices[p]! * classes;
    const b1 = indices[p + 1]! * classes;
    const b2 = indices[p + 2]! * classes;
    const b3 = indices[p + 3]! * classes;
    const x0 = values[p]! * (scales ? scales[indices[p]!]! : 1);
    const x1 = values[p + 1]! * (scales ? scales[indices[p + 1]!]! : 1);
    const x2 = values[p + 2]! * (scales ? scales[indices[p + 2]!]! : 1);
    const x3 = values[p + 3]! * (scales ? scales[indices[p + 3]!]! : 1);
    for (let k = 0; k < classes; k++) {
      out[k]! += x0 * w[b0 + k]! + x1 * w[b1 + k]! + x2 * w[b2 + k]! + x3 * w[b3 + k]!;
    }
  }
  for (; p < end; p++) {
    const b = indices[p]! * classes;
    const xv = values[p]! * (scales ? scales[indices[p]!]! : 1);
    for (let k = 0; k < classes; k++) out[k]! += xv * w[b + k]!;
  }
}
