// Table test of the contrast and negation rules (bot/contrast.ts): which words the citizen rules
// out, and what is left for the classifier to read.
import { splitContrast } from '../../bot/contrast';

describe('splitContrast', () => {
  test.each([
    // Korean markers after the excluded phrase
    ['등본 말고 가족 다 나오는 서류요', '등본', '가족 다 나오는 서류요'],
    ['가족관계증명서 아니고 주민등록등본이요', '가족관계증명서', '주민등록등본이요'],
    ['초본 말구 인감증명서 대리로 뗄 수 있나요', '초본', '인감증명서 대리로 뗄 수 있나요'],
    ['보이스피싱은 아니고요 여행사가 돈을 안 돌려줘요', '보이스피싱', '여행사가 돈을 안 돌려줘요'],
    ['실업급여가 아니라 기초수급이요', '실업급여', '기초수급이요'],
    ['등본말고 혼인관계증명서', '등본', '혼인관계증명서'],
    ['등본 말고요', '등본', ''],
    // the excluded phrase starts after the last sentence break
    ['이사했어요. 전입신고 말고 등본 뽑는 법이요', '전입신고', '이사했어요. 등본 뽑는 법이요'],
    // English: leading "not", "rather than", "instead of"; trailing ", not the X", "Y rather than X"
    ['Not the family certificate, the resident registration copy please', 'the family certificate', 'the resident registration copy please'],
    ["It's not a scam call, the agency asked me to pay", 'a scam call', 'the agency asked me to pay'],
    ['Rather than the fine, I want to renew my licence', 'the fine', 'I want to renew my licence'],
    ['Instead of a passport, I need an ID card', 'a passport', 'I need an ID card'],
    ['I need the family certificate, not the resident registration copy', 'the resident registration copy', 'I need the family certificate'],
    ['I want the licence renewal rather than the fine', 'the fine', 'I want the licence renewal'],
  ])('%s', (text, excluded, kept) => {
    expect(splitContrast(text)).toEqual({ excluded, kept });
  });

  test.each([
    // no marker at all
    '가족관계증명서 어디서 떼요',
    // "not only … but also" adds a topic, it does not exclude one
    '등본뿐만 아니라 가족관계증명서도 필요해요',
    '등본뿐 아니라 초본도요',
    // "아닌데" sets the scene rather than ruling a topic out
    '전입신고 세대주 아닌데 제가 해도 돼요?',
    // ordinary English negation inside a sentence
    'I did not get my passport yet',
    'Why is my refund not here',
    // a marker with nothing before it excludes nothing
    '말고 다른 거요',
  ])('no contrast: %s', (text) => {
    expect(splitContrast(text)).toBeUndefined();
  });
});
