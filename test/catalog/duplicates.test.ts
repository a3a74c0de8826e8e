import { findCrossIntentDuplicates, normaliseExample, trigrams } from '../../intents/duplicates';
import type { Catalog, IntentDefinition } from '../../bot/intent-schema';
import { SEED_INTENTS } from '../support/seed-catalog';

/** The seed catalog with the given examples swapped in. */
function catalogWith(examples: Record<string, { ko?: string[]; en?: string[] }>): Catalog {
  const intents: IntentDefinition[] = SEED_INTENTS.map((intent) => ({
    ...intent,
    examples: { ko: examples[intent.id]?.ko ?? [], en: examples[intent.id]?.en ?? [] },
  }));
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}

describe('normaliseExample', () => {
  it('folds width, case, spacing and punctuation, but keeps emoji', () => {
    expect(normaliseExample('가족관계 증명서, 어디서 떼요?? 😭')).toBe('가족관계증명서어디서떼요😭');
    expect(normaliseExample('ＰＡＳＳＰＯＲＴ  Lost!')).toBe('passportlost');
  });

  it('keeps an all-punctuation example distinguishable', () => {
    expect(normaliseExample('?')).not.toBe(normaliseExample('!'));
    expect(normaliseExample('👍')).not.toBe(normaliseExample('👎'));
  });

  it('makes trigrams of characters, not UTF-16 units', () => {
    expect([...trigrams('여권분실')]).toEqual(['여권분', '권분실']);
    expect([...trigrams('ㅎㅇ')]).toEqual(['ㅎㅇ']);
  });
});

describe('findCrossIntentDuplicates', () => {
  it('reports the same example under two intents, whatever the spacing', () => {
    const pairs = findCrossIntentDuplicates(
      catalogWith({
        'cert.family_relation': { ko: ['가족관계증명서 어디서 떼요'] },
        'chat.human': { ko: ['가족관계증명서어디서 떼요?'] },
      }),
    );
    expect(pairs).toEqual([
      expect.objectContaining({
        kind: 'cross-intent',
        similarity: 1,
        a: { intent: 'cert.family_relation', lang: 'ko', index: 0, text: '가족관계증명서 어디서 떼요' },
        b: { intent: 'chat.human', lang: 'ko', index: 0, text: '가족관계증명서어디서 떼요?' },
      }),
    ]);
  });

  it('reports near duplicates at or above the threshold, and not below it', () => {
    const catalog = catalogWith({
      'cert.family_relation': { en: ['how do i get my family relation certificate online'] },
      'toll.holiday_exemption': { en: ['how do i get my family relation certificates online'] },
      'chat.abuse': { en: ['family relation certificate is useless'] },
    });
    const pairs = findCrossIntentDuplicates(catalog);
    expect(pairs.map((p) => [p.a.intent, p.b.intent])).toEqual([['cert.family_relation', 'toll.holiday_exemption']]);
    expect(pairs[0]!.similarity).toBeGreaterThanOrEqual(0.85);
    expect(pairs[0]!.similarity).toBeLessThan(1);
    expect(findCrossIntentDuplicates(catalog, { threshold: 0.99 })).toEqual([]);
  });

  it('reports duplicates within one intent after the cross-intent ones', () => {
    const pairs = findCrossIntentDuplicates(
      catalogWith({
        'emergency.urgent': { ko: ['지금 불났어요', '지금 불 났어요!!'], en: ['fire now'] },
        out_of_scope: { en: ['Fire now.'] },
      }),
    );
    expect(pairs.map((p) => [p.kind, p.a.text, p.b.text])).toEqual([
      ['cross-intent', 'fire now', 'Fire now.'],
      ['within-intent', '지금 불났어요', '지금 불 났어요!!'],
    ]);
  });

  it('finds nothing in distinct examples', () => {
    const pairs = findCrossIntentDuplicates(
      catalogWith({
        'cert.family_relation': { ko: ['가족관계증명서 발급', '혼인관계증명서 상세로 떼야 해요'] },
        'toll.holiday_exemption': { ko: ['설 연휴 고속도로 통행료 무료인가요'] },
      }),
    );
    expect(pairs).toEqual([]);
  });
});
