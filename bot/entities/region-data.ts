// Korea's 17 시·도 and their 시·군·구 (administrative districts as of 2024: 군위군 moved to 대구 in
// 2023, 강원/전북 became 특별자치도 in 2023–24, 부천시 abolished its 구 in 2016). Cities with
// non-autonomous 구 list them as "시 구"; those resolve to sigungu "성남시 분당구".

export interface Sido {
  /** Official name, used as the resolved value. */
  readonly name: string;
  /** Common short forms citizens write. */
  readonly short: readonly string[];
  /** Short forms that are also ordinary words (경기 = economy, game): only before a district. */
  readonly weakShort?: readonly string[];
  /** 시·군·구 names, space-separated; "성남시(수정구 중원구 분당구)" lists a city's 구. */
  readonly districts: string;
}

export const SIDO: readonly Sido[] = [
  {
    name: '서울특별시',
    short: ['서울', '서울시'],
    districts:
      '종로구 중구 용산구 성동구 광진구 동대문구 중랑구 성북구 강북구 도봉구 노원구 은평구 서대문구 마포구 양천구 강서구 구로구 금천구 영등포구 동작구 관악구 서초구 강남구 송파구 강동구',
  },
  {
    name: '부산광역시',
    short: ['부산', '부산시'],
    districts: '중구 서구 동구 영도구 부산진구 동래구 남구 북구 해운대구 사하구 금정구 강서구 연제구 수영구 사상구 기장군',
  },
  {
    name: '대구광역시',
    short: ['대구', '대구시'],
    districts: '중구 동구 서구 남구 북구 수성구 달서구 달성군 군위군',
  },
  {
    name: '인천광역시',
    short: ['인천', '인천시'],
    districts: '중구 동구 미추홀구 연수구 남동구 부평구 계양구 서구 강화군 옹진군',
  },
  { name: '광주광역시', short: ['광주', '광주시'], districts: '동구 서구 남구 북구 광산구' },
  { name: '대전광역시', short: ['대전', '대전시'], districts: '동구 중구 서구 유성구 대덕구' },
  { name: '울산광역시', short: ['울산', '울산시'], districts: '중구 남구 동구 북구 울주군' },
  { name: '세종특별자치시', short: ['세종', '세종시'], districts: '' },
  {
    name: '경기도',
    short: ['경기도'],
    weakShort: ['경기'],
    districts:
      '수원시(장안구 권선구 팔달구 영통구) 성남시(수정구 중원구 분당구) 의정부시 안양시(만안구 동안구) 부천시 광명시 평택시 동두천시 안산시(상록구 단원구) 고양시(덕양구 일산동구 일산서구) 과천시 구리시 남양주시 오산시 시흥시 군포시 의왕시 하남시 용인시(처인구 기흥구 수지구) 파주시 이천시 안성시 김포시 화성시 광주시 양주시 포천시 여주시 연천군 가평군 양평군',
  },
  {
    name: '강원특별자치도',
    short: ['강원', '강원도'],
    districts: '춘천시 원주시 강릉시 동해시 태백시 속초시 삼척시 홍천군 횡성군 영월군 평창군 정선군 철원군 화천군 양구군 인제군 고성군 양양군',
  },
  {
    name: '충청북도',
    short: ['충북'],
    districts: '청주시(상당구 서원구 흥덕구 청원구) 충주시 제천시 보은군 옥천군 영동군 증평군 진천군 괴산군 음성군 단양군',
  },
  {
    name: '충청남도',
    short: ['충남'],
    districts: '천안시(동남구 서북구) 공주시 보령시 아산시 서산시 논산시 계룡시 당진시 금산군 부여군 서천군 청양군 홍성군 예산군 태안군',
  },
  {
    name: '전북특별자치도',
    short: ['전북', '전라북도'],
    districts: '전주시(완산구 덕진구) 군산시 익산시 정읍시 남원시 김제시 완주군 진안군 무주군 장수군 임실군 순창군 고창군 부안군',
  },
  {
    name: '전라남도',
    short: ['전남'],
    districts:
      '목포시 여수시 순천시 나주시 광양시 담양군 곡성군 구례군 고흥군 보성군 화순군 장흥군 강진군 해남군 영암군 무안군 함평군 영광군 장성군 완도군 진도군 신안군',
  },
  {
    name: '경상북도',
    short: ['경북'],
    districts:
      '포항시(남구 북구) 경주시 김천시 안동시 구미시 영주시 영천시 상주시 문경시 경산시 의성군 청송군 영양군 영덕군 청도군 고령군 성주군 칠곡군 예천군 봉화군 울진군 울릉군',
  },
  {
    name: '경상남도',
    short: ['경남'],
    districts:
      '창원시(의창구 성산구 마산합포구 마산회원구 진해구) 진주시 통영시 사천시 김해시 밀양시 거제시 양산시 의령군 함안군 창녕군 고성군 남해군 하동군 산청군 함양군 거창군 합천군',
  },
  { name: '제주특별자치도', short: ['제주', '제주도'], districts: '제주시 서귀포시' },
];

/**
 * District stems (name without 시/군/구) that are also everyday words or collide with a 시·도:
 * only the full name matches for these (예산군, not 예산 "budget"; 청원구, not 청원 "petition").
 */
export const STEMS_NOT_USED = new Set([
  '중',
  '동',
  '서',
  '남',
  '북',
  '광주',
  '예산',
  '고령',
  '영양',
  '음성',
  '연수',
  '수영',
  '장수',
  '영광',
  '보은',
  '화성',
  '진도',
  '부여',
  '강화',
  '수성',
  '유성',
  '달성',
  '중원',
  '수정',
  '동안',
  '상당',
  '청원',
  '수지',
  '구리',
  '광산',
  '성산',
  '단원',
  '상록',
  '서원',
  '흥덕',
  '동남',
  '서북',
  '사상',
  '남동',
  '동작',
  '관악',
  '인제',
  '양주',
  '거창',
  '대덕',
  '일산동',
  '일산서',
  '고성',
  '오산',
  '이천',
  '장안',
  '권선',
  '금정',
  '제주',
]);

/** Extra names for districts: old or colloquial names → the district's full name. */
export const DISTRICT_ALIASES: Readonly<Record<string, string>> = {
  일산: '고양시',
  분당: '성남시 분당구',
  마산: '창원시',
};
