import type { Decision } from '../../bot/types';
import { buildTriageCard, CARD_TRANSCRIPT_LINES, handoffReasonOf } from '../../handoff/triage-card';
import { seedCatalog } from '../support/seed-catalog';

const catalog = seedCatalog();
const now = new Date('2027-01-10T03:00:00Z');

const decision = (over: Partial<Decision> = {}): Decision => ({
  intent: 'cert.family_relation',
  confidence: 0.41,
  topK: [
    { intent: 'cert.family_relation', confidence: 0.41 },
    { intent: 'toll.holiday_exemption', confidence: 0.3 },
    { intent: 'chat.human', confidence: 0.2 },
    { intent: 'out_of_scope', confidence: 0.09 },
  ],
  entities: [{ type: 'document', text: '가족관계증명서', start: 0, end: 7, value: 'family_relation' }],
  pii: [],
  language: 'ko',
  action: 'handoff',
  reason: 'low_confidence',
  modelVersion: 'm-test',
  ...over,
});

const input = (over: Partial<Parameters<typeof buildTriageCard>[0]> = {}) => ({
  decision: decision(),
  channel: 'web' as const,
  isPublic: false,
  citizenHandle: 'citizen42',
  transcript: [{ author: 'citizen' as const, text: '가족관계증명서 [PHONE] 로 보내줘요', at: now.toISOString() }],
  priority: 'normal' as const,
  queue: 'documents',
  slaDeadline: new Date(now.getTime() + 600_000),
  catalog,
  now,
  ...over,
});

describe('buildTriageCard', () => {
  it('carries everything the agent needs, with the top 3 intents and their names', () => {
    const card = buildTriageCard(input());
    expect(card).toEqual({
      channel: 'web',
      isPublic: false,
      citizenHandle: 'citizen42',
      transcript: [{ author: 'citizen', text: '가족관계증명서 [PHONE] 로 보내줘요', at: now.toISOString() }],
      topIntents: [
        { intent: 'cert.family_relation', confidence: 0.41, name: { ko: '가족관계증명서 발급', en: 'Family-relation certificates' } },
        { intent: 'toll.holiday_exemption', confidence: 0.3, name: { ko: '명절 통행료 면제', en: 'Holiday toll exemption' } },
        { intent: 'chat.human', confidence: 0.2, name: { ko: '상담원 연결', en: 'Talk to a person' } },
      ],
      entities: decision().entities,
      language: 'ko',
      reason: 'low_confidence',
      flags: [],
      priority: 'normal',
      queue: 'documents',
      slaDeadline: '2027-01-10T03:10:00.000Z',
      suggestedAnswer: {
        intent: 'cert.family_relation',
        text: '전자가족관계등록시스템에서 발급하세요.',
        links: [{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }],
      },
      modelVersion: 'm-test',
      media: [],
    });
  });

  it('carries the decision flags, such as abusive language with a real complaint', () => {
    const card = buildTriageCard(input({ decision: decision({ intent: 'complaint.file', reason: 'policy_handoff', flags: ['abusive_language'] }) }));
    expect(card).toMatchObject({ reason: 'policy_handoff', flags: ['abusive_language'] });
  });

  it('references the media of the opening message by its platform link', () => {
    const media = [{ kind: 'image', url: 'https://scontent.xx.fbcdn.net/v/flood.jpg' }];
    expect(buildTriageCard(input({ media })).media).toEqual(media);
  });

  it('suggests the public form in English for a public English post', () => {
    const card = buildTriageCard(input({ isPublic: true, decision: decision({ language: 'en' }) }));
    expect(card.suggestedAnswer).toEqual({
      intent: 'cert.family_relation',
      text: 'You can get it online.',
      links: [{ label: 'e-Family', url: 'https://efamily.scourt.go.kr' }],
    });
  });

  it('skips intents without an answer when suggesting (a request for a person has none)', () => {
    const card = buildTriageCard(
      input({
        decision: decision({
          intent: 'chat.human',
          reason: 'requested_human',
          topK: [
            { intent: 'chat.human', confidence: 0.8 },
            { intent: 'toll.holiday_exemption', confidence: 0.1 },
          ],
        }),
      }),
    );
    expect(card.suggestedAnswer?.intent).toBe('toll.holiday_exemption');
    expect(card.suggestedAnswer?.text).toBe('면제 기간은 명절마다 발표돼요.');
  });

  it('has no suggestion when no guess has an answer', () => {
    const card = buildTriageCard(input({ decision: decision({ intent: 'chat.human', topK: [{ intent: 'chat.human', confidence: 1 }] }) }));
    expect(card.suggestedAnswer).toBeNull();
  });

  it('keeps only the tail of a long transcript', () => {
    const transcript = Array.from({ length: 30 }, (_, i) => ({ author: 'citizen' as const, text: `m${i}`, at: now.toISOString() }));
    const card = buildTriageCard(input({ transcript }));
    expect(card.transcript).toHaveLength(CARD_TRANSCRIPT_LINES);
    expect(card.transcript[0]!.text).toBe('m10');
  });

  it.each([
    [{ action: 'urgent' as const, reason: undefined }, 'urgent'],
    [{ action: 'handoff' as const, reason: undefined }, 'policy_handoff'],
    [{ action: 'handoff' as const, reason: 'ambiguous' as const }, 'ambiguous'],
  ])('reason of %o is %s', (d, expected) => {
    expect(handoffReasonOf(d)).toBe(expected);
  });
});
