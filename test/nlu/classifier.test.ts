import { trainModel } from '../../bot/classifier';
import { calibrationReport } from '../../bot/classifier-model';
import { HashBuffer, hashFeatures, Vectorizer, fitVocabulary } from '../../bot/features';
import { loadModel, ModelFileError, serializeModel } from '../../bot/model-file';
import { normalize } from '../../bot/normalize';
import { applyThresholds } from '../../bot/thresholds';
import { awkwardInputs, koSample, paraKqc } from './fixtures';

// One small Korean model for the whole file: the shipped 146-line development sample.
const sample = koSample();
const model = trainModel(sample, { seed: 7 });

describe('features', () => {
  test('Hangul, jamo and emoji always produce features', () => {
    const buffer = new HashBuffer();
    for (const text of ['가', 'ㅠㅠ', '😡', '여권']) {
      hashFeatures(normalize(text), { hashBits: 18, charMin: 1, charMax: 4, wordNgrams: 2, minDf: 1 }, buffer);
      expect(buffer.length).toBeGreaterThan(0);
    }
    const vectorizer = new Vectorizer(fitVocabulary(['가족관계증명서 어디서 떼요', 'passport renewal']));
    expect(vectorizer.transform('가족관계증명서').length).toBeGreaterThan(5);
  });

  test('spacing does not change the character n-grams of Korean text', () => {
    const config = { hashBits: 20, charMin: 1, charMax: 5, wordNgrams: 1, minDf: 1 };
    const grams = (text: string) => {
      const buffer = new HashBuffer();
      // wordNgrams 0 leaves only the character n-grams.
      hashFeatures(normalize(text), { ...config, wordNgrams: 0 }, buffer);
      return [...buffer.data.subarray(0, buffer.length)].sort();
    };
    expect(grams('가족관계증명서어디서떼요')).toEqual(grams('가족관계 증명서 어디서 떼요'));
    expect(grams('가족 관계 증명서 어디 서 떼 요')).toEqual(grams('가족관계증명서어디서떼요'));
  });
});

describe('trainModel on the Korean sample', () => {
  test('spacing variants of one sentence get the same, right intent', () => {
    const variants = ['가족관계증명서 어디서 떼요', '가족관계증명서어디서떼요', '가족 관계 증명서 어디서 떼요', '가족관계 증명서어디서 떼요?'];
    const intents = variants.map((v) => model.predict(v)[0]!.intent);
    expect(new Set(intents)).toEqual(new Set(['cert.family_relation']));
  });

  test('scores cover every intent, best first, summing to 1', () => {
    const scores = model.predict('실업급여 신청 어떻게 해요');
    expect(scores.map((s) => s.intent).sort()).toEqual([...model.intents].sort());
    expect(scores[0]!.intent).toBe('employment.unemployment_benefit');
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!.confidence).toBeGreaterThanOrEqual(scores[i]!.confidence);
    expect(scores.reduce((a, s) => a + s.confidence, 0)).toBeCloseTo(1, 5);
  });

  test.each(awkwardInputs())('predict and applyThresholds never throw on %s', (_name, input) => {
    const scores = model.predict(input);
    expect(scores).toHaveLength(model.intents.length);
    expect(Number.isFinite(scores[0]!.confidence)).toBe(true);
    expect(applyThresholds(model, input).intent).toEqual(expect.any(String));
  });

  test('the same seed gives the same model; another seed a different one', () => {
    expect(trainModel(sample, { seed: 7 }).version).toBe(model.version);
    expect(trainModel(sample, { seed: 8 }).version).not.toBe(model.version);
    expect(model.version).toMatch(/^m-[0-9a-f]{12}$/);
  });

  test('serialisation round-trips to identical predictions and the same version', () => {
    const loaded = loadModel(serializeModel(model));
    expect(loaded.version).toBe(model.version);
    expect(loaded.thresholds).toEqual(model.thresholds);
    for (const e of sample.slice(0, 40)) expect(loaded.predict(e.text)).toEqual(model.predict(e.text));
  });

  test('a damaged or foreign model file is refused with the reason', () => {
    const json = JSON.parse(serializeModel(model));
    expect(() => loadModel(JSON.stringify({ ...json, temperature: json.temperature * 2 }))).toThrow(/does not match its version/);
    expect(() => loadModel(JSON.stringify({ ...json, formatVersion: 99 }))).toThrow(/format version 99/);
    expect(() => loadModel(JSON.stringify({ ...json, bias: 'AAAA' }))).toThrow(ModelFileError);
    expect(() => loadModel('{"format":"something-else"}')).toThrow(/not a Sotong intent model/);
    expect(() => loadModel('{')).toThrow(/not valid JSON/);
  });

  test('training reports progress per epoch', () => {
    const epochs: number[] = [];
    trainModel(sample.slice(0, 60), { softmax: { epochs: 3 }, onProgress: (p) => p.stage === 'epoch' && epochs.push(p.epoch!) });
    // Once on the fitting share, once more on everything (no val given).
    expect(epochs).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('calibration', () => {
  test('temperature scaling lowers the calibration error on held-out data (ParaKQC, 60 groups)', () => {
    const paraModel = trainModel(paraKqc('train', 60), { seed: 3 });
    const { raw, calibrated } = calibrationReport(paraModel, paraKqc('test', 60));
    expect(paraModel.temperature).not.toBe(1);
    expect(calibrated).toBeLessThan(raw);
  });
});
