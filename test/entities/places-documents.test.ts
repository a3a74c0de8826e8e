import { extractEntities } from '../../bot/entities';

const now = new Date('2025-03-04T03:00:00Z');
const of = (type: string, text: string) =>
  extractEntities(text, { now, language: 'ko' })
    .filter((e) => e.type === type)
    .map((e) => [e.text, e.value]);

describe('regions', () => {
  test.each([
    ['서울 사는데요', '서울', { sido: '서울특별시', sigungu: null }],
    ['경기도 거주자', '경기도', { sido: '경기도', sigungu: null }],
    ['강원에서 왔어요', '강원', { sido: '강원특별자치도', sigungu: null }],
    ['전북 지역', '전북', { sido: '전북특별자치도', sigungu: null }],
    ['강남구청 가요', '강남구', { sido: '서울특별시', sigungu: '강남구' }],
    ['서울 강남구', '서울 강남구', { sido: '서울특별시', sigungu: '강남구' }],
    ['부산중구 사는데', '부산중구', { sido: '부산광역시', sigungu: '중구' }],
    ['경기 수원 살아요', '경기 수원', { sido: '경기도', sigungu: '수원시' }],
    ['수원에서 신청', '수원', { sido: '경기도', sigungu: '수원시' }],
    ['성남시 분당구', '성남시 분당구', { sido: '경기도', sigungu: '성남시 분당구' }],
    ['분당 사는데', '분당', { sido: '경기도', sigungu: '성남시 분당구' }],
    ['양평군 주민', '양평군', { sido: '경기도', sigungu: '양평군' }],
    ['예산군 보조금', '예산군', { sido: '충청남도', sigungu: '예산군' }],
    ['군위군 주민이에요', '군위군', { sido: '대구광역시', sigungu: '군위군' }],
    ['제주도 서귀포', '제주도 서귀포', { sido: '제주특별자치도', sigungu: '서귀포시' }],
  ])('%s', (text, span, value) => {
    expect(of('region', text)).toEqual([[span, value]]);
  });

  test('a name shared by several 시·도 lists its candidates', () => {
    const [[, value]] = of('region', '중구 사는데요') as [[string, { sido: unknown; candidates: { sido: string }[] }]];
    expect(value.sido).toBeNull();
    expect(value.candidates.map((c) => c.sido)).toEqual(
      expect.arrayContaining(['서울특별시', '부산광역시', '대구광역시', '인천광역시', '대전광역시', '울산광역시']),
    );
  });

  test.each(['고양이 키워요', '예산이 부족해요', '경기 침체로 실직', '청원 게시판', '내용 수정 부탁', '동안 기다렸어요'])('no region in: %s', (text) => {
    expect(of('region', text)).toEqual([]);
  });
});

describe('documents', () => {
  test.each([
    ['가족관계증명서 어디서 떼요', '가족관계증명서', 'family_relation_certificate'],
    ['가족 관계 증명서 발급', '가족 관계 증명서', 'family_relation_certificate'],
    ['가증 떼려면', '가증', 'family_relation_certificate'],
    ['기본증명서 상세', '기본증명서', 'basic_certificate'],
    ['혼인 관계 증명서', '혼인 관계 증명서', 'marriage_relation_certificate'],
    ['주민등록등본 인터넷 발급', '주민등록등본', 'resident_registration_copy'],
    ['등본 떼는 법', '등본', 'resident_registration_copy'],
    ['초본이랑 등본', '초본', 'resident_registration_abstract'],
    ['인감 증명서 대리 발급', '인감 증명서', 'seal_certificate'],
    ['본인서명사실확인서 뭐에요', '본인서명사실확인서', 'signature_confirmation'],
    ['여권 재발급 기간', '여권', 'passport'],
    ['운전면허증 갱신', '운전면허증', 'driver_license'],
    ['전세사기 피해사실 확인서', '피해사실 확인서', 'damage_confirmation'],
    ['등기부등본 열람', '등기부등본', 'property_register'],
  ])('%s', (text, span, id) => {
    expect(of('document', text)[0]).toEqual([span, id]);
  });

  test('several documents in one run-together message', () => {
    expect(of('document', '등본이랑초본이랑가족관계증명서')).toEqual([
      ['등본', 'resident_registration_copy'],
      ['초본', 'resident_registration_abstract'],
      ['가족관계증명서', 'family_relation_certificate'],
    ]);
  });

  test.each(['가증스러운 행동', '인감하다', '초본능'])('no document in: %s', (text) => {
    expect(of('document', text)).toEqual([]);
  });
});
