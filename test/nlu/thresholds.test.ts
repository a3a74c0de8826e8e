import { thresholdScores, tuneThresholds, type ScoredExample } from '../../bot/thresholds';
import type { IntentScore } from '../../bot/types';

const t = { global: 0.5, perIntent: { 'emergency.urgent': 0.2 }, margin: 0.1 };
const s = (...pairs: [string, number][]): IntentScore[] => pairs.map(([intent, confidence]) => ({ intent, confidence }));

describe('thresholdScores', () => {
  test.each([
    ['confident and clear', s(['passport.issue', 0.8], ['traffic.fine', 0.1]), 'passport.issue', null],
    ['under the global threshold → out_of_scope', s(['passport.issue', 0.4], ['out_of_scope', 0.35]), 'out_of_scope', 'low_confidence'],
    ['a per-intent threshold overrides the global one', s(['emergency.urgent', 0.3], ['out_of_scope', 0.1]), 'emergency.urgent', null],
    ['top two too close → ambiguous, top intent kept', s(['passport.issue', 0.55], ['traffic.fine', 0.5]), 'passport.issue', 'ambiguous'],
    ['out_of_scope on top is accepted as is', s(['out_of_scope', 0.3], ['passport.issue', 0.29]), 'out_of_scope', null],
    ['no scores at all → out_of_scope', [], 'out_of_scope', 'low_confidence'],
  ])('%s', (_name, scores, intent, rejected) => {
    const d = thresholdScores(scores, t);
    expect(d.intent).toBe(intent);
    expect(d.rejected).toBe(rejected);
  });

  test('a rejected prediction reports the out_of_scope score as its confidence', () => {
    expect(thresholdScores(s(['passport.issue', 0.4], ['out_of_scope', 0.35]), t).confidence).toBe(0.35);
  });
});

describe('tuneThresholds', () => {
  const ex = (gold: string, top: string, topConfidence: number, secondConfidence = 0): ScoredExample => ({ gold, top, topConfidence, secondConfidence });

  test('picks the cut that separates wrong low-confidence answers from right ones', () => {
    const examples = [
      ...Array.from({ length: 60 }, (_, i) => ex('a', 'a', 0.6 + (i % 40) / 100)),
      ...Array.from({ length: 40 }, (_, i) => ex('out_of_scope', 'a', 0.2 + (i % 20) / 100)),
    ];
    const tuned = tuneThresholds(examples);
    expect(tuned.global).toBeGreaterThan(0.39);
    expect(tuned.global).toBeLessThanOrEqual(0.6);
  });

  test('the margin covers the band where the top intent is a coin flip', () => {
    const examples = [
      ...Array.from({ length: 80 }, () => ex('a', 'a', 0.9, 0.05)),
      ...Array.from({ length: 10 }, () => ex('b', 'a', 0.5, 0.45)),
      ...Array.from({ length: 10 }, () => ex('a', 'a', 0.5, 0.45)),
    ];
    const tuned = tuneThresholds(examples);
    expect(tuned.margin).toBeGreaterThanOrEqual(0.06);
    expect(tuned.margin).toBeLessThan(0.85);
    expect(thresholdScores(s(['a', 0.5], ['b', 0.45]), tuned).rejected).toBe('ambiguous');
    expect(thresholdScores(s(['a', 0.9], ['b', 0.05]), tuned).rejected).toBeNull();
  });
});
