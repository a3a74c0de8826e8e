// readMessage() with a classifier double: a table of scores per text (or per part of a text),
// so each rule of bot/reading.ts is pinned by the scores that trigger it.
import type { IntentModel } from '../../bot/model-types';
import { readMessage } from '../../bot/reading';
import type { IntentScore } from '../../bot/types';

type Row = [string, number][];
function tableModel(table: Record<string, Row>): IntentModel {
  return {
    version: 'm-test',
    intents: [],
    thresholds: { global: 0.3, perIntent: {}, margin: 0.1 },
    predict: (text): IntentScore[] => (table[text] ?? [['out_of_scope', 1]]).map(([intent, confidence]) => ({ intent, confidence })),
  };
}
const FAQ = new Set([
  'cert.family_relation',
  'cert.resident_registration',
  'cert.seal',
  'scam.voice_phishing',
  'travel.agency_verify',
  'passport.issue',
  'traffic.fine',
  'toll.holiday_exemption',
]);
const isFaq = (id: string) => FAQ.has(id);
const ids = (s: readonly IntentScore[]) => s.map((x) => x.intent);

describe('readMessage', () => {
  test('contrast: the kept part is read alone and the excluded topic is dropped', () => {
    const model = tableModel({
      '등본 말고 가족관계증명서요': [
        ['cert.resident_registration', 0.9],
        ['cert.family_relation', 0.1],
      ],
      등본: [['cert.resident_registration', 0.99]],
      가족관계증명서요: [
        ['cert.family_relation', 0.97],
        ['cert.resident_registration', 0.03],
      ],
    });
    const r = readMessage('등본 말고 가족관계증명서요', model, isFaq);
    expect(r.excluded).toBe('cert.resident_registration');
    expect(r.disagreement).toBeUndefined();
    expect(ids(r.scores)).toEqual(['cert.family_relation']);
  });

  test('contrast with nothing clear left: FAQ neighbours only, flagged so nothing is auto-answered', () => {
    const model = tableModel({
      '가족관계증명서 말고 다른 서류요': [
        ['cert.family_relation', 0.9],
        ['out_of_scope', 0.05],
        ['cert.resident_registration', 0.03],
        ['cert.seal', 0.02],
      ],
      가족관계증명서: [['cert.family_relation', 0.99]],
      '다른 서류요': [
        ['cert.family_relation', 0.3],
        ['out_of_scope', 0.3],
        ['cert.seal', 0.2],
      ],
    });
    const r = readMessage('가족관계증명서 말고 다른 서류요', model, isFaq);
    expect(r).toMatchObject({ excluded: 'cert.family_relation', disagreement: 'contrast' });
    expect(ids(r.scores)).toEqual(['cert.resident_registration', 'cert.seal']);
  });

  test('contrast where the kept part itself describes the denied topic keeps it', () => {
    const model = tableModel({
      'Not a scam call, the agency asked me to pay into a personal account': [['scam.voice_phishing', 0.99]],
      'a scam call': [['scam.voice_phishing', 0.99]],
      'the agency asked me to pay into a personal account': [
        ['scam.voice_phishing', 0.7],
        ['travel.agency_verify', 0.3],
      ],
    });
    const r = readMessage('Not a scam call, the agency asked me to pay into a personal account', model, isFaq);
    expect(r.excluded).toBeUndefined();
    expect(r.scores[0]?.intent).toBe('scam.voice_phishing');
  });

  test('contrast of a topic we do not handle excludes nothing', () => {
    const model = tableModel({
      '미국 비자 말고 여권 갱신이요': [['passport.issue', 0.95]],
      '미국 비자': [['out_of_scope', 0.9]],
    });
    expect(readMessage('미국 비자 말고 여권 갱신이요', model, isFaq)).toEqual({ scores: [{ intent: 'passport.issue', confidence: 0.95 }] });
  });

  test('a part read alone does not hide danger the whole message shows', () => {
    const model = tableModel({
      '여권 말고요 지금 불났어요 여권 타요': [
        ['passport.issue', 0.6],
        ['emergency.urgent', 0.4],
      ],
      여권: [['passport.issue', 0.99]],
      '지금 불났어요 여권 타요': [
        ['cert.seal', 0.9],
        ['out_of_scope', 0.1],
      ],
    });
    const r = readMessage('여권 말고요 지금 불났어요 여권 타요', model, isFaq);
    expect(r.scores.find((s) => s.intent === 'emergency.urgent')?.confidence).toBe(0.4);
  });

  test('two requests: each part is read alone, in the order asked', () => {
    const model = tableModel({
      '등본이랑 가족관계증명서 둘 다 필요해요': [
        ['cert.family_relation', 0.7],
        ['cert.resident_registration', 0.3],
      ],
      등본: [['cert.resident_registration', 0.95]],
      '가족관계증명서 둘 다 필요해요': [['cert.family_relation', 0.9]],
    });
    expect(readMessage('등본이랑 가족관계증명서 둘 다 필요해요', model, isFaq).requests).toEqual(['cert.resident_registration', 'cert.family_relation']);
  });

  test('context: a clear last clause is the question', () => {
    const model = tableModel({
      '통행료 면제 기간에 과속 카메라 찍혔는데 과태료 얼마 나와요?': [
        ['toll.holiday_exemption', 0.9],
        ['traffic.fine', 0.1],
      ],
      '과태료 얼마 나와요?': [
        ['traffic.fine', 0.96],
        ['toll.holiday_exemption', 0.04],
      ],
    });
    expect(readMessage('통행료 면제 기간에 과속 카메라 찍혔는데 과태료 얼마 나와요?', model, isFaq).scores[0]?.intent).toBe('traffic.fine');
  });

  test('context: a short, generic last clause does not override', () => {
    const model = tableModel({
      '여권이 곧 만료되는데 어디서 해요': [['passport.issue', 0.95]],
      '어디서 해요': [['cert.seal', 0.95]],
    });
    expect(readMessage('여권이 곧 만료되는데 어디서 해요', model, isFaq).scores[0]?.intent).toBe('passport.issue');
  });

  test('two FAQs both strongly present disagree', () => {
    const model = tableModel({
      '등본 가족관계': [
        ['cert.family_relation', 0.55],
        ['cert.resident_registration', 0.4],
      ],
    });
    expect(readMessage('등본 가족관계', model, isFaq).disagreement).toBe('two_intents');
  });

  test('a long multi-sentence message with a close top two disagrees', () => {
    const text = '어제 여권을 잃어버렸어요. 그런데 인감도 같이 잃어버린 것 같아요. 뭐부터 해야 할지 모르겠어요.';
    const model = tableModel({
      [text]: [
        ['passport.issue', 0.5],
        ['cert.seal', 0.28],
        ['out_of_scope', 0.22],
      ],
    });
    expect(readMessage(text, model, isFaq).disagreement).toBe('long_close');
  });

  test('a plain, clear message is read as the model reads it', () => {
    const model = tableModel({
      '가족관계증명서 어디서 떼요': [
        ['cert.family_relation', 0.97],
        ['cert.seal', 0.03],
      ],
    });
    expect(readMessage('가족관계증명서 어디서 떼요', model, isFaq)).toEqual({ scores: model.predict('가족관계증명서 어디서 떼요') });
  });
});
