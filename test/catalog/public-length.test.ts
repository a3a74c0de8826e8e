import { renderPublicAnswer, xWeightedLength, X_URL_LENGTH } from '../../intents/public-length';

describe('xWeightedLength', () => {
  it.each([
    ['ascii letters weigh 1', 'hello world', 11],
    ['Hangul weighs 2', '여권 재발급', 2 * 5 + 1],
    ['compatibility jamo weigh 2', 'ㅠㅠ', 4],
    ['CJK punctuation weighs 2', '「」', 4],
    ['Latin-1 and general punctuation up to U+201F weigh 1', 'é – “x”', 7],
    ['an ellipsis (U+2026) weighs 2', '…', 2],
    ['an https URL is 23 however long', 'https://www.gov.kr/portal/service/serviceInfo/PTR000050463', X_URL_LENGTH],
    ['a tel number is plain text', '1899-2732', 9],
    ['one emoji is 2', '😊', 2],
    ['a ZWJ family sequence is one emoji', '👨‍👩‍👧', 2],
    ['a flag is one emoji', '🇰🇷', 2],
    ['a short bare domain counts as a URL', 'gov.kr', X_URL_LENGTH],
  ])('%s', (_name, text, expected) => {
    expect(xWeightedLength(text)).toBe(expected);
  });

  it('does not let a trailing full stop or Hangul vanish into the URL', () => {
    expect(xWeightedLength('https://www.gov.kr.')).toBe(X_URL_LENGTH + 1);
    expect(xWeightedLength('https://www.gov.kr에서')).toBe(X_URL_LENGTH + 4);
  });

  it('normalises decomposed Hangul first', () => {
    const decomposed = '한국'.normalize('NFD');
    expect(xWeightedLength(decomposed)).toBe(4);
  });
});

describe('renderPublicAnswer', () => {
  const links = [{ url: 'https://efamily.scourt.go.kr' }, { url: 'tel:1899-2732' }];
  const answer = { public: { ko: '온라인 발급 가능해요.', en: 'You can get it online.' }, links: [0, 1] };

  it('appends each linked URL, and a tel: link as the bare number', () => {
    expect(renderPublicAnswer(answer, links, 'ko')).toBe('온라인 발급 가능해요. https://efamily.scourt.go.kr 1899-2732');
    expect(renderPublicAnswer({ ...answer, links: [1] }, links, 'en')).toBe('You can get it online. 1899-2732');
  });

  it('is just the text when there are no links', () => {
    expect(renderPublicAnswer({ ...answer, links: [] }, links, 'en')).toBe('You can get it online.');
  });

  it('rejects a link index that does not exist', () => {
    expect(() => renderPublicAnswer({ ...answer, links: [2] }, links, 'ko')).toThrow(/#2/);
  });
});
