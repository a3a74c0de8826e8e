// triage() end to end over the real catalog (its situations, broad terms and answers) with a
// classifier double, for the dialog behaviour of issue 17: clarify and what follows it,
// unreadable input, abuse with substance, money just sent, emergency types, two answers.
import { detectLanguage } from '../../bot/language';
import type { IntentModel } from '../../bot/model-types';
import { triage, type NluToolkit } from '../../bot/triage';
import type { ConversationContext, IntentScore } from '../../bot/types';
import { loadCatalog } from '../../intents/loader';

const catalog = loadCatalog();
const table: Record<string, [string, number][]> = {
  증명서: [
    ['cert.family_relation', 0.9],
    ['cert.resident_registration', 0.06],
    ['cert.seal', 0.04],
  ],
  '아무말 대잔치': [
    ['out_of_scope', 0.9],
    ['cert.seal', 0.1],
  ],
  상담원: [['chat.human', 0.97]],
  '전화도 안받고 답변도 없고 일 좀 해라': [
    ['chat.abuse', 0.9],
    ['complaint.file', 0.1],
  ],
  '꺼져 병신아': [['chat.abuse', 0.99]],
  '보이스피싱 같아요 방금 500만원 보냈어요': [
    ['scam.voice_phishing', 0.95],
    ['emergency.urgent', 0.05],
  ],
  '보이스피싱 문자 받았는데 돈은 안 보냈어요': [['scam.voice_phishing', 0.995]],
  '지금 옆집에 불났어요': [['emergency.urgent', 0.98]],
  '그만 살고 싶어요': [['emergency.urgent', 0.9]],
  '바다에서 배가 뒤집혔어요': [['emergency.urgent', 0.9]],
  '누가 집까지 따라와요': [['emergency.urgent', 0.9]],
  '등본이랑 가족관계증명서 둘 다 필요해요': [
    ['cert.family_relation', 0.7],
    ['cert.resident_registration', 0.3],
  ],
  등본: [['cert.resident_registration', 0.97]],
  '가족관계증명서 둘 다 필요해요': [['cert.family_relation', 0.95]],
  // Scores the catalog-trained model gave these (bench/dialog-cases.ts): a weak emergency guess.
  '잘 모르겠어요': [
    ['emergency.urgent', 0.43],
    ['chat.greeting', 0.16],
    ['chat.abuse', 0.1],
  ],
  그거요: [
    ['emergency.urgent', 0.44],
    ['out_of_scope', 0.1],
    ['chat.abuse', 0.09],
  ],
  '오늘 야구 누가 이겼어요': [
    ['out_of_scope', 0.57],
    ['emergency.urgent', 0.4],
    ['chat.greeting', 0.01],
  ],
  '어제 드라마 결말 봤어요?': [
    ['emergency.urgent', 0.5],
    ['out_of_scope', 0.45],
  ],
  'I want to report something': [
    ['emergency.urgent', 0.35],
    ['scam.voice_phishing', 0.18],
    ['complaint.file', 0.14],
    ['disaster.report_damage', 0.1],
  ],
  // The same weak guess with a danger in the words, and a strong guess without one, stay urgent.
  '연기가 나요': [
    ['emergency.urgent', 0.35],
    ['out_of_scope', 0.3],
  ],
  '친구가 쓰러졌어요': [
    ['emergency.urgent', 0.4],
    ['chat.greeting', 0.2],
  ],
  '할머니가 갑자기 말을 못하시고 한쪽 팔을 못 움직여요': [
    ['emergency.urgent', 0.65],
    ['out_of_scope', 0.2],
  ],
};
const model: IntentModel = {
  version: 'm-test',
  intents: [],
  thresholds: { global: 0.3, perIntent: {}, margin: 0.05 },
  predict: (text): IntentScore[] => (table[text] ?? [['out_of_scope', 1]]).map(([intent, confidence]) => ({ intent, confidence })),
};
const nlu: NluToolkit = { detectLanguage, extractEntities: () => [], detectPii: () => [] };
const dm: ConversationContext = { channel: 'web', isPublic: false, recentOutOfScope: 0, now: new Date('2026-12-01T03:00:00Z') };
const run = (text: string, context: Partial<ConversationContext> = {}) => triage(text, { ...dm, ...context }, model, catalog, { nlu });
const names = (ids: string[]) => ids.map((id) => catalog.byId.get(id)!.name.ko);

describe('clarify', () => {
  test('a vague Korean message gets a question with the candidates and a way to a person', () => {
    const d = run('증명서');
    expect(d).toMatchObject({ action: 'clarify', reason: 'ambiguous', choices: ['cert.family_relation', 'cert.resident_registration', 'cert.seal'] });
    expect(d.reply?.quickReplies?.map((q) => q.text)).toEqual([...names(['cert.family_relation', 'cert.resident_registration', 'cert.seal']), '상담원']);
  });

  const pending = { pendingChoices: ['cert.family_relation', 'cert.resident_registration', 'cert.seal'] };
  test.each([
    [names(['cert.resident_registration'])[0]!, 'cert.resident_registration'],
    ['2', 'cert.resident_registration'],
    ['3.', 'cert.seal'],
  ])('picking %s answers it', (text, intent) => {
    const d = run(text, pending);
    expect(d).toMatchObject({ intent, action: 'auto_answer', confidence: 1 });
    expect(d.reply?.text).toBe(catalog.byId.get(intent)!.answers[0]!.private.ko);
  });

  test.each(['아무말 대잔치', '상담원'])('a second unclear answer (%s) goes to a person as ambiguous', (text) => {
    expect(run(text, pending)).toMatchObject({ action: 'handoff', reason: 'ambiguous' });
  });

  test('without a pending question the same words are read as usual', () => {
    expect(run('상담원')).toMatchObject({ action: 'handoff', reason: 'requested_human' });
    expect(run('2').action).not.toBe('auto_answer');
  });
});

describe('unreadable input', () => {
  test.each([
    ['asdfgh', 'en'],
    ['ㅁㄴㅇㄹ', 'ko'],
    ['😂', 'ko'],
  ] as const)('%s is asked again with examples, not declined', (text, lang) => {
    const d = run(text);
    expect(d).toMatchObject({ intent: 'out_of_scope', action: 'clarify' });
    expect(d.reply?.text).toContain(lang === 'ko' ? '다시 말씀해 주시겠어요?' : 'Could you say that again?');
    expect(d.reply?.quickReplies).toHaveLength(3);
  });
});

describe('abuse', () => {
  test('abuse with a complaint is acknowledged, routed to a person and flagged', () => {
    const d = run('전화도 안받고 답변도 없고 일 좀 해라');
    expect(d).toMatchObject({ intent: 'complaint.file', action: 'handoff', flags: ['abusive_language'] });
    expect(d.reply?.text).toContain('죄송합니다');
  });
  test('pure abuse is moderated without a reply', () => {
    const d = run('꺼져 병신아');
    expect(d).toMatchObject({ action: 'moderate' });
    expect(d.reply).toBeUndefined();
    expect(d.flags).toBeUndefined();
  });
});

describe('urgent situations', () => {
  test('money just sent to a scammer is urgent with the payment-stop steps, 112 first', () => {
    const d = run('보이스피싱 같아요 방금 500만원 보냈어요');
    expect(d).toMatchObject({ intent: 'scam.voice_phishing', action: 'urgent', situation: 'money_sent' });
    expect(d.reply?.text.match(/\b(112|1332)\b/g)?.slice(0, 2)).toEqual(['112', '1332']);
  });
  test('a scam message that sent nothing stays a FAQ answer', () => {
    expect(run('보이스피싱 문자 받았는데 돈은 안 보냈어요')).toMatchObject({ action: 'auto_answer' });
  });
  test.each([
    ['지금 옆집에 불났어요', 'fire', '119'],
    ['그만 살고 싶어요', 'suicide', '109'],
    ['바다에서 배가 뒤집혔어요', 'sea', '122'],
    ['누가 집까지 따라와요', 'crime', '112'],
  ])('%s: the %s answer, leading with %s', (text, situation, number) => {
    const d = run(text);
    expect(d).toMatchObject({ intent: 'emergency.urgent', action: 'urgent', situation });
    expect(/\b1(?:12|19|09|22)\b/.exec(d.reply!.text)?.[0]).toBe(number);
    expect(d.reply?.links[0]?.url).toBe(`tel:${number}`);
  });
});

describe('a weak emergency guess without a danger in the words', () => {
  test.each(['잘 모르겠어요', '그거요', '오늘 야구 누가 이겼어요', '어제 드라마 결말 봤어요?', 'I want to report something'])(
    '%s is not urgent and shows no emergency number',
    (text) => {
      const d = run(text);
      expect(d.action).not.toBe('urgent');
      expect(d.intent).not.toBe('emergency.urgent');
      expect(d.reply?.text ?? '').not.toMatch(/\b(112|119)\b/);
    },
  );
  test('unrelated chat is declined, vague chat goes to a person at normal priority, a vague report is asked about', () => {
    expect(run('오늘 야구 누가 이겼어요')).toMatchObject({ intent: 'out_of_scope', action: 'decline' });
    expect(run('잘 모르겠어요')).toMatchObject({ action: 'handoff', reason: 'low_confidence' });
    expect(run('I want to report something')).toMatchObject({ action: 'clarify' });
  });
  test.each([
    ['연기가 나요', 'fire'],
    ['친구가 쓰러졌어요', 'medical'],
    ['할머니가 갑자기 말을 못하시고 한쪽 팔을 못 움직여요', undefined],
  ])('%s stays urgent (%s)', (text, situation) => {
    const d = run(text);
    expect(d).toMatchObject({ intent: 'emergency.urgent', action: 'urgent' });
    expect(d.situation).toBe(situation);
  });
});

describe('two questions', () => {
  const text = '등본이랑 가족관계증명서 둘 다 필요해요';
  const answer = (id: string) => catalog.byId.get(id)!.answers[0]!.private.ko;
  test('in a chat both answers are joined, in the order asked', () => {
    const d = run(text);
    expect(d).toMatchObject({ intent: 'cert.resident_registration', alsoIntent: 'cert.family_relation', action: 'auto_answer' });
    expect(d.reply?.text).toBe(`${answer('cert.resident_registration')}\n\n${answer('cert.family_relation')}`);
  });
  test('in a public post both are offered as quick replies instead', () => {
    const d = run(text, { isPublic: true });
    expect(d.reply?.quickReplies?.map((q) => q.text).slice(0, 2)).toEqual(names(['cert.resident_registration', 'cert.family_relation']));
  });
  test("past the channel's length limit both are offered as quick replies", () => {
    // The same two intents with 600-character answers: 1,202 joined, over Kakao's 1,000.
    const long = (id: string) => {
      const intent = catalog.byId.get(id)!;
      const answer = { ...intent.answers[0]!, private: { ko: '가'.repeat(600), en: 'a'.repeat(600) } };
      return { ...intent, answers: [answer] };
    };
    const intents = catalog.intents.map((i) => (i.id.startsWith('cert.') ? long(i.id) : i));
    const longCatalog = { intents, byId: new Map(intents.map((i) => [i.id, i])) };
    const on = (channel: string) => triage(text, { ...dm, channel }, model, longCatalog, { nlu });
    expect(
      on('kakao')
        .reply?.quickReplies?.map((q) => q.text)
        .slice(0, 2),
    ).toEqual(names(['cert.resident_registration', 'cert.family_relation']));
    expect(on('web').reply).toMatchObject({ text: `${'가'.repeat(600)}\n\n${'가'.repeat(600)}` });
    expect(on('web').reply?.quickReplies).toBeUndefined();
  });
});
