import type { Policy } from '../../bot/intent-schema';
import { DEFAULT_POLICY, decideAction, type PolicyInput } from '../../bot/policy';

const POLICIES: Record<string, Policy> = {
  'cert.family_relation': 'faq',
  'cert.resident_registration': 'faq',
  'passport.issue': 'faq',
  'emergency.urgent': 'urgent',
  'chat.human': 'handoff',
  'chat.abuse': 'moderate',
  'chat.greeting': 'smalltalk',
  out_of_scope: 'decline',
};

function input(scores: [string, number][], overrides: Partial<PolicyInput> = {}): PolicyInput {
  const topK = scores.map(([intent, confidence]) => ({ intent, confidence }));
  return {
    topK,
    intent: topK[0]!.intent,
    confidence: topK[0]!.confidence,
    policyOf: (id) => POLICIES[id],
    thresholdOf: (id) => (id === 'passport.issue' ? 0.9 : undefined),
    recentOutOfScope: 0,
    ...overrides,
  };
}

describe('decideAction', () => {
  test.each([
    ['confident FAQ is answered', [['cert.family_relation', 0.92], ['passport.issue', 0.03]], 'auto_answer', undefined],
    ['FAQ under the auto-answer threshold goes to a person', [['cert.family_relation', 0.7], ['passport.issue', 0.1]], 'handoff', 'low_confidence'],
    ['per-intent threshold override is honoured', [['passport.issue', 0.88], ['cert.seal', 0.05]], 'handoff', 'low_confidence'],
    ['two close FAQs ask which one', [['cert.family_relation', 0.45], ['cert.resident_registration', 0.4]], 'clarify', 'ambiguous'],
    ['close FAQ vs non-FAQ is handed off', [['cert.family_relation', 0.45], ['chat.greeting', 0.4]], 'handoff', 'ambiguous'],
    ['close but unlikely pair is handed off', [['cert.family_relation', 0.3], ['cert.resident_registration', 0.25]], 'handoff', 'ambiguous'],
    ['emergency wins from second place', [['disaster.report_damage', 0.55], ['emergency.urgent', 0.35]], 'urgent', 'urgent'],
    ['emergency on top is urgent', [['emergency.urgent', 0.9]], 'urgent', 'urgent'],
    ['request for a person', [['chat.human', 0.8]], 'handoff', 'requested_human'],
    ['abuse is moderated', [['chat.abuse', 0.8]], 'moderate', undefined],
    ['greeting gets small talk', [['chat.greeting', 0.8]], 'smalltalk', undefined],
    ['out of scope is declined', [['out_of_scope', 0.8]], 'decline', undefined],
    ['unknown intent is never answered', [['ghost.intent', 0.99]], 'handoff', 'policy_handoff'],
  ] as const)('%s', (_name, scores, action, reason) => {
    const out = decideAction(input(scores.map((s) => [...s] as [string, number])));
    expect(out.action).toBe(action);
    expect(out.reason).toBe(reason);
  });

  test('emergency below the urgent threshold does not fire', () => {
    const out = decideAction(input([['cert.family_relation', 0.9], ['emergency.urgent', DEFAULT_POLICY.urgentThreshold - 0.01]]));
    expect(out.action).toBe('auto_answer');
  });

  test('repeated out-of-scope messages reach a person', () => {
    const limit = DEFAULT_POLICY.outOfScopeRepeatLimit;
    expect(decideAction(input([['out_of_scope', 0.9]], { recentOutOfScope: limit - 2 })).action).toBe('decline');
    const out = decideAction(input([['out_of_scope', 0.9]], { recentOutOfScope: limit - 1 }));
    expect(out).toMatchObject({ action: 'handoff', reason: 'out_of_scope_repeat' });
  });

  test('clarify offers the top two intents', () => {
    const out = decideAction(input([['cert.family_relation', 0.45], ['cert.resident_registration', 0.4]]));
    expect(out.choices).toEqual(['cert.family_relation', 'cert.resident_registration']);
  });
});
