// Table tests of the string rules triage uses around the classifier: unreadable input, the last
// clause and separate requests of a message, vague messages, abuse with substance, and the
// urgent situations the catalog defines (emergency types, money just sent to a scammer).
import { hasInsult, hasSubstance, withoutInsults } from '../../bot/abuse';
import { lastClause, requestParts } from '../../bot/clauses';
import { hasDangerSign, matchSituation } from '../../bot/situations';
import { isUnreadable } from '../../bot/unreadable';
import { vagueCandidates } from '../../bot/vague';
import { loadCatalog } from '../../intents/loader';

const catalog = loadCatalog();

describe('isUnreadable', () => {
  test.each(['asdfgh', 'qwerty', 'zxcvbnm', 'sdfsdf jkl', 'ㅁㄴㅇㄹ', 'ㅋㅋㅋㅋㅋㅋ', 'ㅇㅇㅇㅇ', '😂', '🙏🙏', '??!!', '...', '   '])(
    'unreadable: %s',
    (text) => {
      expect(isUnreadable(text)).toBe(true);
    },
  );
  test.each(['증명서', 'ㄳㄳ', 'ㅎㅇ', 'ㅇㅇ', 'hi', 'help', 'passport', 'fire!', '여권ㅠㅠ', 'ok thanks', '112', 'type'])('readable: %s', (text) => {
    expect(isUnreadable(text)).toBe(false);
  });
});

describe('lastClause', () => {
  test.each([
    ['이사 가면 기초수급 다시 신청해야 하나요?', '기초수급 다시 신청해야 하나요?'],
    ['통행료 면제 기간에 과속 카메라 찍혔는데 과태료 얼마 나와요?', '과태료 얼마 나와요?'],
    ['선포됐다던데 우리 집 침수 피해는 어디에 신고해요', '우리 집 침수 피해는 어디에 신고해요'],
    ['I got a ticket on the holiday, how much is the fine', 'how much is the fine'],
    ['가족관계증명서 어디서 떼요', undefined],
  ])('%s', (text, clause) => {
    expect(lastClause(text)).toBe(clause);
  });
});

describe('requestParts', () => {
  test.each([
    ['등본이랑 가족관계증명서 둘 다 필요해요', ['등본', '가족관계증명서 둘 다 필요해요']],
    ['전입신고는 어떻게 하고 등본은 어디서 떼요?', ['전입신고는 어떻게', '등본은 어디서 떼요?']],
    ['설에 통행료 면제되나요? 그리고 시장 주변 주차도 되나요?', ['설에 통행료 면제되나요', '시장 주변 주차도 되나요?']],
    ['How do I renew my passport? Also how do I renew my licence?', ['How do I renew my passport', 'how do I renew my licence?']],
    // one request: a thing named as context carries no request of its own
    ['전입신고 하고 이사했는데 실업인정은 어디로 가요?', []],
    ['카드번호랑 비밀번호 입력해버렸어요', []],
    ['가족관계증명서 어디서 떼요', []],
  ])('%s', (text, parts) => {
    expect(requestParts(text)).toEqual(parts);
  });
});

describe('vagueCandidates (catalog broadTerms)', () => {
  test.each([
    ['증명서', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['증명서 떼고 싶어요', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['서류요', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['증명서 뽑는 곳', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['증명서 어디서 떼요?', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['서류 떼는 곳이요', ['cert.family_relation', 'cert.resident_registration', 'cert.seal']],
    ['재난', ['disaster.report_damage', 'disaster.special_zone_support']],
    ['신고하려고요', ['disaster.report_damage', 'complaint.file', 'residence.move_in', 'scam.voice_phishing']],
    ['I want to report something', ['disaster.report_damage', 'complaint.file', 'scam.voice_phishing']],
  ])('%s', (text, ids) => {
    expect(vagueCandidates(text, catalog)?.sort()).toEqual([...ids].sort());
  });
  test.each([
    '가족관계증명서 떼고 싶어요',
    '전입신고',
    '재난지역 지원금 얼마예요',
    '인감',
    '여권 발급 어디서 해요',
    '가족관계증명서 뽑는 곳',
    '인감증명서 어디서 떼요',
  ])('specific enough: %s', (text) => {
    expect(vagueCandidates(text, catalog)).toBeUndefined();
  });
});

describe('abuse with substance', () => {
  test.each([
    ['전화도 안받고 답변도 없고 뭐하는 곳이냐 일 좀 해라', false, true],
    ['민원 넣은지 한달인데 답도 없고 ㅅㅂ 세금 받아먹고 뭐하냐', true, true],
    ['도로 파인 거 몇 번을 신고했는데 안 고치냐 이 멍청한 공무원들아', true, true],
    ['Your office never answers the phone, useless idiots', true, true],
    ['꺼져 병신아', true, false],
    ['이딴 걸 답변이라고 ㅋㅋ 수준 보소', false, false],
    ['fuck you stupid bot', true, false],
  ])('%s', (text, insult, substance) => {
    expect(hasInsult(text)).toBe(insult);
    expect(hasSubstance(text)).toBe(substance);
  });
  test('the substance is read without the insults', () => {
    expect(withoutInsults('ㅅㅂ 여권 언제 나와 병신들아')).toBe('여권 언제 나와 들아');
  });
});

describe('urgent situations in the catalog', () => {
  const emergency = catalog.byId.get('emergency.urgent');
  const scam = catalog.byId.get('scam.voice_phishing');
  test.each([
    ['이제 그만 살고 싶어요', 'suicide'],
    ['약 모아뒀어요 오늘 끝내려고요', 'suicide'],
    ["I don't want to live anymore", 'suicide'],
    ['바다에서 배가 뒤집혔어요', 'sea'],
    ['갯벌에서 물이 들어오는데 고립됐어요', 'sea'],
    ['모르는 남자가 집까지 계속 따라와요', 'crime'],
    ['Someone is breaking into my house', 'crime'],
    ['지하차도에 물이 차서 차 안에 갇혔어요', 'trapped'],
    ['엘리베이터에 갇혔어요', 'trapped'],
    ['주방에서 불이 붙었어요', 'fire'],
    ['가스냄새가 심해요', 'fire'],
    ['할아버지가 쓰러지셨어요', 'medical'],
    ['My father collapsed', 'medical'],
    ['도와주세요 급해요', undefined],
  ])('emergency: %s', (text, id) => {
    expect(matchSituation(text, emergency)?.id).toBe(id);
  });
  test.each([
    ['보이스피싱 같아요 방금 500만원 보냈어요', 'money_sent'],
    ['안전계좌로 3천만원 이체했어요', 'money_sent'],
    ['카드번호랑 비밀번호 입력해버렸어요', 'money_sent'],
    ['I just sent 5 million won to them', 'money_sent'],
    ['I gave my card number and PIN to him', 'money_sent'],
    ['보이스피싱 문자 받았는데 돈은 안 보냈어요', undefined],
    ["They asked for money but I didn't send anything", undefined],
    ['검찰 사칭 전화 받았어요 신고는 어디에', undefined],
  ])('scam: %s', (text, id) => {
    expect(matchSituation(text, scam)?.id).toBe(id);
  });
  // A place picks the answer for a message that is urgent anyway, but is no danger sign: on a flood
  // day most messages that name an underpass are questions about closures (issue 15).
  test.each([
    ['상도 지하차도 침수 통제 언제 풀려요?', false, 'trapped'],
    ['상도 지하차도 물 빠졌어요? 통제 해제됐나요', false, 'trapped'],
    ['is the Osong underpass closed because of the flooding?', false, 'trapped'],
    ['해수욕장 언제 개장해요', false, 'sea'],
    ['엘베 점검 언제 끝나요', false, 'trapped'],
    ['지하차도에 차가 갇혔어요 물이 계속 차올라요', true, 'trapped'],
    ['help my car is stuck in the underpass and the water is rising', true, 'trapped'],
    ['살려주세요 엘베갇힘', true, 'trapped'],
    ['반지하에서 물이 들어와서 못 나와요', true, 'trapped'],
    ['친구가 한강 물에 빠졌어요', true, 'trapped'],
    ['바다에서 배가 뒤집혔어요', true, 'sea'],
    ['the boat capsized near the beach', true, 'sea'],
  ])('danger sign: %s → %s', (text, sign, id) => {
    expect(hasDangerSign(text, emergency)).toBe(sign);
    expect(matchSituation(text, emergency)?.id).toBe(id);
  });
  test('no intent, no sign', () => {
    expect(hasDangerSign('불났어요', undefined)).toBe(false);
    expect(hasDangerSign('방금 500만원 보냈어요 보이스피싱 같아요', scam)).toBe(true);
    expect(hasDangerSign('보이스피싱 문자 받았는데 돈은 안 보냈어요', scam)).toBe(false);
  });
  test('every emergency type leads with its own number', () => {
    const first = (id: string) => /\b1(?:12|19|09|22)\b/.exec(emergency!.situations!.find((s) => s.id === id)!.answer.private.ko)?.[0];
    expect(['suicide', 'sea', 'crime', 'trapped', 'fire', 'medical'].map(first)).toEqual(['109', '122', '112', '119', '119', '119']);
  });
});
