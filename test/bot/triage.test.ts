import type { IntentModel } from '../../bot/model-types';
import { triage, type NluToolkit } from '../../bot/triage';
import type { ConversationContext, IntentScore } from '../../bot/types';
import { seedCatalog } from '../support/seed-catalog';

// A classifier double: triage is a pure function of the model's scores, so a table of scores
// per text isolates the policy and rendering from the learned model.
function tableModel(table: Record<string, [string, number][]>): IntentModel {
  return {
    version: 'm-test',
    intents: ['cert.family_relation', 'emergency.urgent', 'out_of_scope'],
    thresholds: { global: 0.3, perIntent: {}, margin: 0.1 },
    predict: (text): IntentScore[] => (table[text] ?? [['out_of_scope', 1]]).map(([intent, confidence]) => ({ intent, confidence })),
  };
}

const nlu: NluToolkit = {
  detectLanguage: (text) => (/[가-힣]/.test(text) ? 'ko' : 'en'),
  extractEntities: () => [],
  detectPii: (text) => {
    const m = /\d{6}-\d{7}/.exec(text);
    return m ? [{ type: 'RRN', start: m.index, end: m.index + m[0].length }] : [];
  },
};

const dm: ConversationContext = { channel: 'web', isPublic: false, recentOutOfScope: 0, now: new Date('2026-11-28T03:00:00Z') };
const model = tableModel({
  '가족관계증명서 어디서 떼요': [
    ['cert.family_relation', 0.95],
    ['out_of_scope', 0.05],
  ],
  'family certificate online?': [
    ['cert.family_relation', 0.9],
    ['out_of_scope', 0.1],
  ],
  '가족관계증명서 900101-1234567': [['cert.family_relation', 0.95]],
  불이야: [['emergency.urgent', 0.97]],
  '애매한 말': [
    ['cert.family_relation', 0.2],
    ['emergency.urgent', 0.1],
    ['out_of_scope', 0.7],
  ],
  통행료: [['toll.holiday_exemption', 0.95]],
});
const catalog = seedCatalog();

describe('triage', () => {
  test('answers a confident FAQ in Korean with the catalog links', () => {
    const d = triage('가족관계증명서 어디서 떼요', dm, model, catalog, { nlu });
    expect(d).toMatchObject({ intent: 'cert.family_relation', action: 'auto_answer', language: 'ko', modelVersion: 'm-test' });
    expect(d.reply?.text).toBe('전자가족관계등록시스템에서 발급하세요.');
    expect(d.reply?.links).toEqual([{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }]);
  });

  test('answers in English and in the public form on a public post', () => {
    const d = triage('family certificate online?', { ...dm, isPublic: true }, model, catalog, { nlu });
    expect(d.reply?.text).toBe('You can get it online.');
  });

  test('a public post with personal data gets a delete-and-DM reply that does not repeat it', () => {
    const d = triage('가족관계증명서 900101-1234567', { ...dm, isPublic: true }, model, catalog, { nlu });
    expect(d.pii).toHaveLength(1);
    expect(d.reply?.text).toContain('DM');
    expect(d.reply?.text).not.toContain('900101');
  });

  test('a redaction tag from the store still counts as personal data', () => {
    const tagged = tableModel({ '등본 [RRN]': [['cert.family_relation', 0.95]] });
    const d = triage('등본 [RRN]', { ...dm, isPublic: true }, tagged, catalog, { nlu });
    expect(d.reply?.text).toContain('DM');
  });

  test('an emergency is answered with the emergency numbers', () => {
    const d = triage('불이야', dm, model, catalog, { nlu });
    expect(d.action).toBe('urgent');
    expect(d.reason).toBe('urgent');
    expect(d.reply?.links.map((l) => l.url)).toEqual(['tel:119', 'tel:112', 'tel:109']);
  });

  test('a low in-scope score is rejected as out of scope by the model threshold', () => {
    const d = triage('애매한 말', dm, model, catalog, { nlu });
    expect(d.intent).toBe('out_of_scope');
    expect(d.action).toBe('decline');
    expect(d.topK[0]?.intent).toBe('cert.family_relation');
  });

  test('seasonal answers follow the Seoul calendar date', () => {
    // 2027-02-04T15:30Z is already 2027-02-05 in Seoul: inside the window.
    const inWindow = triage('통행료', { ...dm, now: new Date('2027-02-04T15:30:00Z') }, model, catalog, { nlu });
    expect(inWindow.reply?.text).toBe('이번 설 연휴 면제 기간 안내');
    const before = triage('통행료', { ...dm, now: new Date('2027-02-04T14:30:00Z') }, model, catalog, { nlu });
    expect(before.reply?.text).toBe('면제 기간은 명절마다 발표돼요.');
  });
});

describe('triage: handoff wording', () => {
  const human = tableModel({
    '사람이랑 얘기할래요': [['chat.human', 0.9]],
    '이거 뭐죠': [
      ['cert.family_relation', 0.5],
      ['out_of_scope', 0.1],
    ],
  });
  const withHumanAnswer = seedCatalog(
    seedCatalog().intents.map((i) =>
      i.id === 'chat.human'
        ? {
            ...i,
            answers: [{ public: { ko: '상담사 곧 연결', en: 'Agent soon' }, private: { ko: '상담사가 곧 답해요', en: 'An agent will reply' }, links: [] }],
          }
        : i,
    ),
  );

  test('a request for a person uses the catalog answer for chat.human', () => {
    const d = triage('사람이랑 얘기할래요', dm, human, withHumanAnswer, { nlu });
    expect(d).toMatchObject({ action: 'handoff', reason: 'requested_human' });
    expect(d.reply?.text).toBe('상담사가 곧 답해요');
  });

  test('a low-confidence handoff says an agent will reply', () => {
    const d = triage('이거 뭐죠', dm, human, withHumanAnswer, { nlu });
    expect(d).toMatchObject({ action: 'handoff', reason: 'low_confidence' });
    expect(d.reply?.text).toContain('상담사');
  });
});
