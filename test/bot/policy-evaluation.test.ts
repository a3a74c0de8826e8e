import { confusionPairs, macroF1, perLabelScores } from '../../bot/label-metrics';
import { evaluatePolicy, type PolicyRecord } from '../../training/policy-evaluation';
import { seedCatalog } from '../support/seed-catalog';

const r = (gold: string, intent: string, action: PolicyRecord['action']): PolicyRecord => ({ text: '', gold, intent, confidence: 0.9, action });

describe('label metrics', () => {
  const records = [
    { gold: 'a', intent: 'a' },
    { gold: 'a', intent: 'b' },
    { gold: 'b', intent: 'b' },
    { gold: 'b', intent: 'b' },
  ];
  test('per-label precision, recall, F1 and support', () => {
    expect(perLabelScores(records)).toEqual([
      { label: 'a', precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      { label: 'b', precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
    ]);
    expect(macroF1(records)).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
  });
  test('confusion pairs count mistakes, most frequent first', () => {
    expect(confusionPairs([...records, { gold: 'c', intent: 'a' }, { gold: 'a', intent: 'b' }])).toEqual([
      { gold: 'a', predicted: 'b', count: 2 },
      { gold: 'c', predicted: 'a', count: 1 },
    ]);
  });
});

test('evaluatePolicy reports auto-answer precision, FAQ coverage and emergency recall', () => {
  const e = evaluatePolicy(
    [
      r('cert.family_relation', 'cert.family_relation', 'auto_answer'),
      r('cert.family_relation', 'toll.holiday_exemption', 'auto_answer'),
      r('toll.holiday_exemption', 'toll.holiday_exemption', 'handoff'),
      r('emergency.urgent', 'emergency.urgent', 'urgent'),
      r('emergency.urgent', 'out_of_scope', 'decline'),
      r('out_of_scope', 'out_of_scope', 'decline'),
    ],
    seedCatalog(),
  );
  expect(e.accuracy).toBeCloseTo(4 / 6, 10);
  expect(e.autoAnswer).toEqual({ answered: 2, precision: 0.5, faqCoverage: 2 / 3 });
  expect(e.emergencyRecall).toBe(0.5);
  expect(e.actions).toEqual({ auto_answer: 2, handoff: 1, urgent: 1, decline: 2 });
});
