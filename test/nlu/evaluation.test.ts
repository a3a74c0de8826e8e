import path from 'node:path';
import { sharedData, sharedDataDir } from '../../bench/shared-data';
import { expectedCalibrationError } from '../../bot/calibration';
import { trainModel } from '../../bot/classifier';
import { evaluate } from '../../bot/classifier-eval';
import { trainSoftmax } from '../../bot/classifier-softmax';
import type { SparseMatrix } from '../../bot/features';
import { macroF1 } from '../../bot/label-metrics';
import { OUT_OF_SCOPE } from '../../bot/model-types';
import { koSample } from './fixtures';

describe('class weights in softmax training', () => {
  // One feature vector labelled A once and B once: the weighted loss is minimised at
  // p(B) = wB / (wA + wB), so the weights must show up in the fitted probability.
  const x: SparseMatrix = { rows: 2, offsets: Int32Array.from([0, 1, 2]), indices: Int32Array.from([0, 0]), values: Float32Array.from([1, 1]) };
  const labels = Int32Array.from([0, 1]);
  const pB = (classWeights?: readonly number[]) => {
    const w = trainSoftmax(x, labels, 2, 1, { epochs: 400, learningRate: 0.5, l2: 0, seed: 1, ...(classWeights ? { classWeights } : {}) });
    const z0 = w.weights[0]! + w.bias[0]!;
    const z1 = w.weights[1]! + w.bias[1]!;
    return 1 / (1 + Math.exp(z0 - z1));
  };

  test('equal weights split the probability, weight 3 on B gives it about 3/4', () => {
    expect(pB()).toBeCloseTo(0.5, 1);
    expect(pB([1, 3])).toBeCloseTo(0.75, 1);
  });
});

describe('evaluate', () => {
  const sample = koSample();
  const train = sample.filter((_, i) => i % 4 !== 0);
  const held = sample.filter((_, i) => i % 4 === 0);
  const model = trainModel(train, { seed: 5 });
  const result = evaluate(model, held);

  test('macro-F1 is the shared label-metrics one over the thresholded predictions', () => {
    expect(result.macroF1).toBe(macroF1(result.predictions));
  });

  test('calibration error is reported over all, in-scope and out-of-scope examples separately', () => {
    expect(held.some((e) => e.intent === OUT_OF_SCOPE)).toBe(true);
    const top = (keep: (intent: string) => boolean) =>
      held
        .filter((e) => keep(e.intent))
        .map((e) => {
          const s = model.predict(e.text)[0]!;
          return { confidence: s.confidence, correct: s.intent === e.intent };
        });
    expect(result.eceInScope!.calibrated).toBeCloseTo(expectedCalibrationError(top((i) => i !== OUT_OF_SCOPE)), 10);
    expect(result.eceOutOfScope!.calibrated).toBeCloseTo(expectedCalibrationError(top((i) => i === OUT_OF_SCOPE)), 10);
    expect(result.ece.calibrated).toBeCloseTo(expectedCalibrationError(top(() => true)), 10);
  });

  test('a test set without out-of-scope examples has no per-group calibration figures', () => {
    const inScopeOnly = evaluate(
      model,
      held.filter((e) => e.intent !== OUT_OF_SCOPE),
    );
    expect(inScopeOnly.eceInScope).toBeNull();
    expect(inScopeOnly.eceOutOfScope).toBeNull();
    expect(inScopeOnly.outOfScopeRecall).toBeNull();
  });
});

describe('shared data folder', () => {
  const saved = process.env.SOTONG_SHARED_DATA;
  afterEach(() => {
    if (saved === undefined) delete process.env.SOTONG_SHARED_DATA;
    else process.env.SOTONG_SHARED_DATA = saved;
  });

  test('defaults to shared/data beside the repository, not an absolute /work path', () => {
    delete process.env.SOTONG_SHARED_DATA;
    const repoRoot = path.resolve(__dirname, '../..');
    expect(sharedDataDir()).toBe(path.join(path.dirname(repoRoot), 'shared', 'data'));
  });

  test('SOTONG_SHARED_DATA overrides it', () => {
    process.env.SOTONG_SHARED_DATA = '/elsewhere/data';
    expect(sharedData('bench', 'clinc150-val.jsonl')).toBe('/elsewhere/data/bench/clinc150-val.jsonl');
  });
});
