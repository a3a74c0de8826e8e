import { chooseThresholds, precisionCoverageCurve, type ScoredAnswer } from '../../training/auto-answer-thresholds';

const many = (n: number, gold: string, intent: string, confidence: number): ScoredAnswer[] => Array.from({ length: n }, () => ({ gold, intent, confidence }));
const options = { target: 0.99, minSupport: 20, fallback: 0.85, floor: 0.5 };

describe('chooseThresholds', () => {
  test('the lowest threshold whose held-out precision meets the target', () => {
    // 30 right at 0.7; one wrong at 0.65: 0.66 and up is 100% precise with 30 answered.
    const scored = [...many(30, 'a', 'a', 0.7), ...many(1, 'b', 'a', 0.65)];
    expect(chooseThresholds(scored, ['a'], options)).toEqual([{ intent: 'a', threshold: 0.66, answered: 30, right: 30, fallback: false }]);
  });

  test('a confident mistake pushes the threshold above it', () => {
    const scored = [...many(40, 'a', 'a', 0.97), ...many(10, 'a', 'a', 0.8), ...many(2, 'b', 'a', 0.9)];
    expect(chooseThresholds(scored, ['a'], options)[0]).toMatchObject({ threshold: 0.91, answered: 40, right: 40 });
  });

  test('too little evidence keeps the fallback', () => {
    expect(chooseThresholds(many(5, 'a', 'a', 0.99), ['a'], options)[0]).toMatchObject({ threshold: 0.85, fallback: true });
  });

  test('never below the floor, however precise', () => {
    expect(chooseThresholds(many(50, 'a', 'a', 0.3), ['a'], options)[0]).toMatchObject({ threshold: 0.85, fallback: true, answered: 0 });
  });
});

describe('precisionCoverageCurve', () => {
  test('coverage falls and precision rises with the threshold; only answerable intents count', () => {
    const scored = [...many(6, 'a', 'a', 0.95), ...many(2, 'b', 'a', 0.75), ...many(2, 'x', 'x', 0.99)];
    const curve = precisionCoverageCurve(scored, (id) => id !== 'x');
    expect(curve.find((r) => r.threshold === 0.7)).toEqual({ threshold: 0.7, coverage: 0.8, precision: 0.75 });
    expect(curve.find((r) => r.threshold === 0.9)).toEqual({ threshold: 0.9, coverage: 0.6, precision: 1 });
    expect(curve.find((r) => r.threshold === 0.99)).toEqual({ threshold: 0.99, coverage: 0, precision: null });
  });
});
