import { detectLanguage } from '../../bot/language';
import { normalize, URL_TOKEN } from '../../bot/normalize';
import { awkwardInputs } from './fixtures';

describe('normalize', () => {
  test.each([
    ['full-width letters and digits fold (NFKC) and lowercase', 'ＰＡＳＳＰＯＲＴ　１１０', 'passport 110'],
    ['stretched laughter and punctuation collapse to two', '감사합니다ㅋㅋㅋㅋ!!!!', '감사합니다ㅋㅋ!!'],
    ['digits are not collapsed', '10000원', '10000원'],
    ['mentions are removed', '@110callcenter 여권 재발급', '여권 재발급'],
    ['an e-mail address is not a mention', 'me@example.com', 'me@example.com'],
    ['URLs become one token', '여기 https://www.gov.kr/abc?x=1 맞나요', `여기 ${URL_TOKEN} 맞나요`],
    ['hashtags keep their words', '#PassportRenewal #여권_재발급', 'passport renewal 여권 재발급'],
    ['zero-width and control characters go', '여\u200b권\u0007 발\uFEFF급', '여권 발급'],
    ['compatibility jamo survive NFKC unchanged', 'ㅠㅠ ㅇㅋ', 'ㅠㅠ ㅇㅋ'],
    ['emoji skin tones and variation selectors are dropped', '👍🏽❤️', '👍❤'],
  ])('%s', (_name, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  test('a lone surrogate is replaced, not thrown on', () => {
    expect(normalize('a\uD83Db')).toBe('a\uFFFDb');
    expect(normalize('\uDC00')).toBe('\uFFFD');
  });

  test.each(awkwardInputs())('never throws on %s', (_name, input) => {
    expect(typeof normalize(input)).toBe('string');
    expect(['ko', 'en', 'mixed', 'unknown']).toContain(detectLanguage(input));
  });
});

describe('detectLanguage', () => {
  test.each([
    ['가족관계증명서어디서떼요', 'ko'],
    ['여권 재발급 KTX 타고 가요', 'ko'],
    ['How do I renew my passport?', 'en'],
    ['passport 재발급 how long 걸려요', 'mixed'],
    ['!!! 123', 'unknown'],
    ['', 'unknown'],
    ['https://www.gov.kr', 'unknown'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
