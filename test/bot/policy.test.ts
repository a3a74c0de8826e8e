import type { Policy } from '../../bot/intent-schema';
import { DEFAULT_POLICY, decideAction, type PolicyInput } from '../../bot/policy';

const POLICIES: Record<string, Policy> = {
  'cert.family_relation': 'faq',
  'cert.seal': 'faq',
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
    [
      'confident FAQ is answered',
      [
        ['cert.family_relation', 0.92],
        ['passport.issue', 0.03],
      ],
      'auto_answer',
      undefined,
    ],
    // Not sure enough to answer: a clarifying question when the candidates are FAQs (issue 17),
    // a person when they are not.
    [
      'FAQ under the threshold with a FAQ runner-up asks which',
      [
        ['cert.family_relation', 0.7],
        ['passport.issue', 0.1],
      ],
      'clarify',
      'ambiguous',
    ],
    [
      'FAQ under the threshold with no FAQ runner-up goes to a person',
      [
        ['cert.family_relation', 0.7],
        ['chat.greeting', 0.2],
      ],
      'handoff',
      'low_confidence',
    ],
    [
      'per-intent threshold override is honoured',
      [
        ['passport.issue', 0.88],
        ['chat.greeting', 0.05],
      ],
      'handoff',
      'low_confidence',
    ],
    [
      'two close FAQs ask which one',
      [
        ['cert.family_relation', 0.45],
        ['cert.resident_registration', 0.4],
      ],
      'clarify',
      'ambiguous',
    ],
    [
      'close FAQ vs non-FAQ is handed off',
      [
        ['cert.family_relation', 0.45],
        ['chat.greeting', 0.4],
      ],
      'handoff',
      'ambiguous',
    ],
    [
      'close but unlikely pair is handed off',
      [
        ['cert.family_relation', 0.3],
        ['cert.resident_registration', 0.25],
      ],
      'handoff',
      'ambiguous',
    ],
    [
      'emergency wins from second place',
      [
        ['disaster.report_damage', 0.55],
        ['emergency.urgent', 0.35],
      ],
      'urgent',
      'urgent',
    ],
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
    const out = decideAction(
      input([
        ['cert.family_relation', 0.9],
        ['emergency.urgent', DEFAULT_POLICY.urgentThreshold - 0.01],
      ]),
    );
    expect(out.action).toBe('auto_answer');
  });

  test('a weak emergency score counts only with a danger sign in the words', () => {
    const weak: [string, number][] = [
      ['emergency.urgent', 0.43],
      ['chat.greeting', 0.16],
    ];
    expect(decideAction(input(weak, { dangerSign: true }))).toMatchObject({ action: 'urgent', reason: 'urgent' });
    expect(decideAction(input(weak, { dangerSign: false }))).toMatchObject({ intent: 'chat.greeting', action: 'handoff', reason: 'low_confidence' });
    // From second place it just steps aside for the intent on top.
    expect(
      decideAction(
        input(
          [
            ['out_of_scope', 0.57],
            ['emergency.urgent', 0.4],
          ],
          { dangerSign: false },
        ),
      ).action,
    ).toBe('decline');
    expect(
      decideAction(
        input(
          [
            ['cert.family_relation', 0.6],
            ['emergency.urgent', 0.35],
          ],
          { dangerSign: false },
        ),
      ).action,
    ).toBe('handoff');
    // With FAQ candidates left, the citizen is asked.
    expect(
      decideAction(
        input(
          [
            ['emergency.urgent', 0.4],
            ['cert.seal', 0.3],
            ['cert.family_relation', 0.25],
            ['cert.resident_registration', 0.2],
          ],
          { dangerSign: false },
        ),
      ).action,
    ).toBe('clarify');
    // On top of weak guesses, below the urgent threshold: still needs the sign, or the intent's
    // policy alone would make it urgent ("상도 지하차도 통제중이라는데 사실인가요", emergency 0.27).
    const weakest: [string, number][] = [
      ['emergency.urgent', DEFAULT_POLICY.urgentThreshold - 0.03],
      ['out_of_scope', 0.2],
      ['disaster.report_damage', 0.15],
    ];
    expect(decideAction(input(weakest, { dangerSign: false }))).toMatchObject({ intent: 'out_of_scope', action: 'handoff', reason: 'low_confidence' });
    expect(decideAction(input(weakest, { dangerSign: true }))).toMatchObject({ action: 'urgent', reason: 'urgent' });
    expect(decideAction(input(weakest))).toMatchObject({ action: 'urgent', reason: 'urgent' });
    // A strong score needs no sign: a missed emergency costs most.
    const strong = DEFAULT_POLICY.urgentWithoutSignThreshold;
    expect(decideAction(input([['emergency.urgent', strong]], { dangerSign: false })).action).toBe('urgent');
    expect(
      decideAction(
        input(
          [
            ['cert.seal', 0.4],
            ['emergency.urgent', strong],
          ],
          { dangerSign: false },
        ),
      ).action,
    ).toBe('urgent');
  });

  test('repeated out-of-scope messages reach a person', () => {
    const limit = DEFAULT_POLICY.outOfScopeRepeatLimit;
    expect(decideAction(input([['out_of_scope', 0.9]], { recentOutOfScope: limit - 2 })).action).toBe('decline');
    const out = decideAction(input([['out_of_scope', 0.9]], { recentOutOfScope: limit - 1 }));
    expect(out).toMatchObject({ action: 'handoff', reason: 'out_of_scope_repeat' });
  });

  test('clarify offers the top two intents', () => {
    const out = decideAction(
      input([
        ['cert.family_relation', 0.45],
        ['cert.resident_registration', 0.4],
      ]),
    );
    expect(out.choices).toEqual(['cert.family_relation', 'cert.resident_registration']);
  });

  test('clarify offers at most three FAQ intents, most likely first', () => {
    const out = decideAction(
      input([
        ['cert.family_relation', 0.5],
        ['cert.resident_registration', 0.2],
        ['chat.greeting', 0.1],
        ['passport.issue', 0.08],
        ['cert.seal', 0.07],
      ]),
    );
    expect(out).toMatchObject({ action: 'clarify', choices: ['cert.family_relation', 'cert.resident_registration', 'passport.issue'] });
  });
});

describe('decideAction: what bot/reading.ts found (issue 17)', () => {
  test.each([
    // A disagreement refuses to auto-answer even a confident top, and asks instead.
    [
      'a contrast guess is never auto-answered',
      [
        ['cert.resident_registration', 0.9],
        ['cert.seal', 0.06],
      ],
      { disagreement: 'contrast' },
      'clarify',
      ['cert.resident_registration', 'cert.seal'],
    ],
    [
      'two FAQs both strongly present ask which',
      [
        ['cert.family_relation', 0.6],
        ['cert.resident_registration', 0.35],
      ],
      { disagreement: 'two_intents' },
      'clarify',
      ['cert.family_relation', 'cert.resident_registration'],
    ],
    [
      'a long message with a close top two asks which',
      [
        ['passport.issue', 0.9],
        ['cert.seal', 0.08],
      ],
      { disagreement: 'long_close' },
      'clarify',
      ['passport.issue', 'cert.seal'],
    ],
    // The excluded intent is never offered, even when the scores still carry it.
    [
      'the excluded intent is not offered',
      [
        ['cert.resident_registration', 0.5],
        ['cert.family_relation', 0.3],
        ['cert.seal', 0.2],
      ],
      { excluded: 'cert.family_relation', disagreement: 'contrast' },
      'clarify',
      ['cert.resident_registration', 'cert.seal'],
    ],
    // Two requests: both answered.
    [
      'two requests are both answered',
      [
        ['cert.family_relation', 0.6],
        ['cert.resident_registration', 0.4],
      ],
      { requests: ['cert.resident_registration', 'cert.family_relation'] },
      'auto_answer',
      undefined,
    ],
    // Vague: clarify whatever the model said, out of scope included.
    [
      'a vague message asks, even when the model was sure',
      [['cert.family_relation', 0.99]],
      { vague: ['cert.family_relation', 'cert.resident_registration', 'cert.seal', 'passport.issue'] },
      'clarify',
      ['cert.family_relation', 'cert.resident_registration', 'cert.seal'],
    ],
    [
      'a vague message asks, even when the model said out of scope',
      [['out_of_scope', 0.8]],
      { vague: ['cert.seal', 'cert.family_relation'] },
      'clarify',
      ['cert.seal', 'cert.family_relation'],
    ],
  ] as const)('%s', (_name, scores, extra, action, choices) => {
    const out = decideAction(
      input(
        scores.map((s) => [...s] as [string, number]),
        extra as Partial<PolicyInput>,
      ),
    );
    expect(out.action).toBe(action);
    expect(out.choices).toEqual(choices);
  });

  test('two requests answer the first asked and carry the second', () => {
    const out = decideAction(
      input(
        [
          ['cert.family_relation', 0.6],
          ['cert.resident_registration', 0.4],
        ],
        { requests: ['cert.resident_registration', 'cert.family_relation'] },
      ),
    );
    expect(out).toMatchObject({ intent: 'cert.resident_registration', alsoIntent: 'cert.family_relation' });
  });

  test('danger still wins over a vague or contrasted message', () => {
    expect(
      decideAction(
        input(
          [
            ['cert.seal', 0.6],
            ['emergency.urgent', 0.35],
          ],
          { vague: ['cert.seal', 'cert.family_relation'] },
        ),
      ).action,
    ).toBe('urgent');
    expect(
      decideAction(
        input(
          [
            ['cert.seal', 0.6],
            ['emergency.urgent', 0.35],
          ],
          { disagreement: 'contrast' },
        ),
      ).action,
    ).toBe('urgent');
  });

  test('a request for a person is not turned into a question', () => {
    expect(decideAction(input([['chat.human', 0.9]], { vague: ['cert.seal', 'cert.family_relation'] })).action).toBe('handoff');
  });
});
