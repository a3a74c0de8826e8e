import { macroF1 } from '../../bot/label-metrics';
import { catalogExamples } from '../../training/catalog-examples';
import { EMERGENCY_RECALL_TOLERANCE, findRegressions, gateMetricsOf, MACRO_F1_TOLERANCE } from '../../training/evaluation-gate';
import { crossValidate, reliabilityBins, stratifiedFolds } from '../../training/evaluation';
import { answerProblems } from '../../training/trainer-catalog';
import { FAST_TRAIN, smallCatalog } from './fixtures';

const catalog = smallCatalog();
const examples = catalogExamples(catalog);

describe('stratifiedFolds', () => {
  test('puts every example in exactly one fold, each intent spread evenly', () => {
    const folds = stratifiedFolds(examples, 5, 1);
    expect(folds.flat()).toHaveLength(examples.length);
    expect(new Set(folds.flat())).toEqual(new Set(examples));
    for (const intent of catalog.intents.map((i) => i.id)) {
      const sizes = folds.map((fold) => fold.filter((e) => e.intent === intent).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  test("is deterministic, and editing one intent leaves the other intents' folds alone", () => {
    expect(stratifiedFolds(examples, 5, 1)).toEqual(stratifiedFolds(examples, 5, 1));
    expect(stratifiedFolds(examples, 5, 2)).not.toEqual(stratifiedFolds(examples, 5, 1));
    const edited = [...examples, { text: '여권 새로 만들려면 뭐 챙겨요', intent: 'passport.issue' }];
    const before = stratifiedFolds(examples, 5, 1);
    const after = stratifiedFolds(edited, 5, 1);
    const others = (folds: typeof before) => folds.map((f) => f.filter((e) => e.intent !== 'passport.issue'));
    expect(others(after)).toEqual(others(before));
  });

  test('refuses k below 2', () => {
    expect(() => stratifiedFolds(examples, 1, 1)).toThrow(/k must be/);
  });
});

describe('crossValidate', () => {
  let evaluation: Awaited<ReturnType<typeof crossValidate>>;
  const folds: number[] = [];
  beforeAll(async () => {
    evaluation = await crossValidate(catalog, { folds: 3, train: FAST_TRAIN, onFold: (done) => folds.push(done) });
  });

  test('scores every held-out example once, with per-intent precision/recall/F1', () => {
    expect(evaluation.method).toEqual({ kind: 'stratified-k-fold', folds: 3, seed: 1 });
    expect(folds).toEqual([0, 1, 2, 3]);
    expect(evaluation.examples).toBe(examples.length);
    const gold = evaluation.perIntent.filter((s) => s.support > 0);
    expect(gold.map((s) => s.label).sort()).toEqual(catalog.intents.map((i) => i.id).sort());
    expect(gold.reduce((sum, s) => sum + s.support, 0)).toBe(examples.length);
    // A real model on real examples: far better than chance (1/22), short of perfect.
    expect(evaluation.accuracy).toBeGreaterThan(0.5);
    expect(evaluation.accuracy).toBeLessThan(1);
    expect(evaluation.macroF1).toBeCloseTo(evaluation.perIntent.reduce((s, x) => s + x.f1, 0) / evaluation.perIntent.length, 10);
    expect(evaluation.confusion.reduce((sum, c) => sum + c.count, 0)).toBe(Math.round(examples.length * (1 - evaluation.accuracy)));
    expect(evaluation.emergencyRecall).not.toBeNull();
  });

  test('reports the auto-answer curve and calibration over all folds', () => {
    const answered = evaluation.curve.map((p) => p.answered);
    expect(answered).toEqual([...answered].sort((a, b) => b - a));
    expect(answered[0]).toBeGreaterThan(answered.at(-1)!);
    const bins = evaluation.calibration.bins;
    expect(bins).toHaveLength(10);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(examples.length);
    expect(evaluation.calibration.ece).toBeGreaterThanOrEqual(0);
    expect(evaluation.calibration.ece).toBeLessThan(0.5);
  });

  test('is reproducible', async () => {
    const again = await crossValidate(catalog, { folds: 3, train: FAST_TRAIN });
    expect(again.macroF1).toBe(evaluation.macroF1);
    expect(again.curve).toEqual(evaluation.curve);
  });
});

test('reliabilityBins: mean confidence and accuracy per bin', () => {
  const bins = reliabilityBins(
    [
      { confidence: 0.95, correct: true },
      { confidence: 0.91, correct: false },
      { confidence: 0.15, correct: false },
    ],
    10,
  );
  expect(bins[9]).toMatchObject({ from: 0.9, to: 1, count: 2, accuracy: 0.5 });
  expect(bins[9]!.confidence).toBeCloseTo(0.93, 10);
  expect(bins[1]).toMatchObject({ count: 1, accuracy: 0 });
  expect(bins[5]).toMatchObject({ count: 0, confidence: 0, accuracy: 0 });
});

describe('publish gate', () => {
  const published = { macroF1: 0.9, emergencyRecall: 1 };
  test.each([
    ['equal', { macroF1: 0.9, emergencyRecall: 1 }, []],
    ['better', { macroF1: 0.95, emergencyRecall: 1 }, []],
    ['F1 down by exactly the tolerance', { macroF1: 0.9 - MACRO_F1_TOLERANCE, emergencyRecall: 1 }, []],
    ['F1 down by more', { macroF1: 0.89, emergencyRecall: 1 }, ['macroF1']],
    ['emergency recall down within noise', { macroF1: 0.95, emergencyRecall: 1 - EMERGENCY_RECALL_TOLERANCE }, []],
    ['emergency recall down', { macroF1: 0.95, emergencyRecall: 0.97 }, ['emergencyRecall']],
    ['no emergencies measured', { macroF1: 0.9, emergencyRecall: null }, ['emergencyRecall']],
    ['both', { macroF1: 0.5, emergencyRecall: 0.5 }, ['macroF1', 'emergencyRecall']],
  ])('%s', (_name, draft, expected) => {
    expect(findRegressions(draft, published).map((r) => r.metric)).toEqual(expected);
  });

  test('reads stored metrics, and nothing from a model without an evaluation', () => {
    expect(gateMetricsOf({ evaluation: { macroF1: 0.8, emergencyRecall: null } })).toEqual({ macroF1: 0.8, emergencyRecall: null });
    expect(gateMetricsOf({ source: 'first-start' })).toBeUndefined();
    expect(gateMetricsOf(null)).toBeUndefined();
  });

  test("shares the classifier's macro-F1", () => {
    expect(
      macroF1([
        { gold: 'a', intent: 'a' },
        { gold: 'b', intent: 'a' },
      ]),
    ).toBeCloseTo((2 / 3 + 0) / 2);
  });
});

describe('answerProblems', () => {
  const seal = catalog.byId.get('cert.seal')!;
  test("passes the catalog's own answers", () => {
    expect(answerProblems(seal)).toEqual([]);
  });
  test('names a public reply over 280 weighted characters and a link that is not an official source', () => {
    const long = { ...seal.answers[0]!, public: { ko: '가'.repeat(140), en: 'short' } };
    const problems = answerProblems({
      ...seal,
      answers: [long],
      links: [...seal.links, { label: { ko: '블로그', en: 'Blog' }, url: 'https://blog.example.com', checked: '2026-01-01' }],
    });
    expect(problems.map((p) => p.field)).toEqual([`links[${seal.links.length}].url`, 'answers[0].public.ko']);
  });
});
