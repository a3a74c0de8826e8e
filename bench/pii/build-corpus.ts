// Writes bench/pii/corpus.jsonl: the labelled personal-data corpus behind bench/pii-redaction.ts.
// Written by hand as templates (the sentences citizens send us, Korean and English) filled with
// numbers from a seeded generator, so the file is reproducible and reviewable. Each line is
//   { "id", "type": RRN|PHONE|CARD|ACCOUNT|PASSPORT|EMAIL|NONE, "kind", "text", "values": [...] }
// A PII item's `values` are the exact substrings that must not survive redaction; a look-alike
// (type NONE) must come back unchanged. The bank layouts are the banks' published formats
// (bot/pii/account.ts lists them). Run: npx tsx bench/pii/build-corpus.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export type CorpusType = 'RRN' | 'PHONE' | 'CARD' | 'ACCOUNT' | 'PASSPORT' | 'EMAIL' | 'NONE';
export interface CorpusItem {
  readonly id: string;
  readonly type: CorpusType;
  readonly kind: string;
  readonly text: string;
  readonly values: readonly string[];
}

// mulberry32: a tiny seeded generator, so the corpus is the same on every run.
let seed = 0x5eed1234;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const digits = (n: number, first = '') => first + Array.from({ length: n - first.length }, () => String(int(0, 9))).join('');
const pad = (n: number) => String(n).padStart(2, '0');

const items: CorpusItem[] = [];
function add(type: CorpusType, kind: string, text: string, values: readonly string[] = []): void {
  for (const v of values) if (!text.includes(v)) throw new Error(`corpus: "${v}" not in "${text}"`);
  items.push({ id: `${type.toLowerCase()}-${String(items.filter((i) => i.type === type).length + 1).padStart(3, '0')}`, type, kind, text, values });
}
/** Templates: `{}` is where the value goes. */
function fill(template: string, value: string): string {
  return template.replace('{}', value);
}

const ZW = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const FULL = (s: string) => s.replace(/[0-9@.-]/g, (c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
const zeroWidth = (s: string) =>
  s
    .split('')
    .map((c, i) => (i > 0 && i % 3 === 0 ? pick(ZW) + c : c))
    .join('');

// ---- RRN: 주민등록번호 ----
const RRN_TEMPLATES = [
  '주민번호 {} 입니다',
  '제 주민등록번호는 {}예요',
  '{} 이 번호로 조회 부탁드립니다',
  '본인 확인용 주민번호: {}',
  'My resident registration number is {}',
  '주민등록번호({})로 가입했어요',
  '아이 주민번호 {} 맞나요?',
  '{}',
  '등본에 {} 라고 나와요',
  '외국인등록번호 {} 로 신청했습니다',
];
function rrn(): { front: string; gender: string; back: string } {
  const year = int(0, 99);
  const month = int(1, 12);
  const day = int(1, 28);
  const gender = String(year < 25 ? pick([3, 4, 7, 8]) : pick([1, 2, 5, 6]));
  return { front: `${pad(year)}${pad(month)}${pad(day)}`, gender, back: digits(6) };
}
for (let i = 0; i < 52; i++) {
  const r = rrn();
  const forms = [
    `${r.front}-${r.gender}${r.back}`,
    `${r.front}${r.gender}${r.back}`,
    `${r.front} - ${r.gender}${r.back}`,
    `${r.front} ${r.gender}${r.back}`,
    FULL(`${r.front}-${r.gender}${r.back}`),
    zeroWidth(`${r.front}-${r.gender}${r.back}`),
    `${r.front}-${r.gender}******`,
    `${r.front}-${r.gender}`,
    `${r.front}-*******`,
    `${r.front}-${r.gender}${r.back.slice(0, 2)}****`,
  ];
  const kinds = ['hyphen', 'contiguous', 'spaced-hyphen', 'space', 'full-width', 'zero-width', 'masked-back', 'gender-only', 'fully-masked', 'half-masked'];
  const k = i % forms.length;
  add('RRN', kinds[k]!, fill(pick(RRN_TEMPLATES), forms[k]!), [forms[k]!]);
}

// ---- PHONE ----
const PHONE_TEMPLATES = [
  '연락처 {} 로 전화 주세요',
  '제 번호는 {}입니다',
  '{} 으로 문자 부탁드려요',
  '휴대폰 {}',
  'Call me at {} please',
  '집 전화 {} 인데 안 받으면 문자 주세요',
  '{}로 연락 주시면 됩니다',
  '담당자님 번호 {} 맞죠? 제 번호예요',
  '회신 번호: {}',
];
const HANGUL = ['공', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
const spell = (s: string) => s.replace(/\d/g, (d) => HANGUL[Number(d)]!);
for (let i = 0; i < 72; i++) {
  const mid = digits(4, String(int(2, 9)));
  const last = digits(4);
  const mobile = `010-${mid}-${last}`;
  const forms: Array<[string, string]> = [
    ['mobile-hyphen', mobile],
    ['mobile-contiguous', `010${mid}${last}`],
    ['mobile-space', `010 ${mid} ${last}`],
    ['mobile-dot', `010.${mid}.${last}`],
    ['intl-plus82', `+82 10-${mid}-${last}`],
    ['intl-0082', `0082-10-${mid}-${last}`],
    ['seoul', `02-${digits(3, String(int(2, 9)))}-${last}`],
    ['area-031', `031-${digits(3, String(int(2, 9)))}-${last}`],
    ['area-064', `064) ${digits(3, '7')}-${last}`],
    ['internet-070', `070-${mid}-${last}`],
    ['safe-0505', `0505-${digits(3, '1')}-${last}`],
    ['full-width', FULL(mobile)],
    ['zero-width', zeroWidth(mobile)],
    ['hangul-digits', `${spell('010')} ${spell(mid)} ${spell(last)}`],
    ['hangul-mixed', `${spell('010')}-${mid}-${spell(last)}`],
    ['hangul-contiguous', spell(`010${mid}${last}`)],
    ['foreign-us', `+1 212 ${digits(3, '5')} ${last}`],
    ['foreign-jp', `+81 90-${mid}-${last}`],
    ['us-local-paren', `(212) ${digits(3, '5')}-${last}`],
    ['us-local-hyphen', `646-${digits(3, '5')}-${last}`],
  ];
  const [kind, value] = forms[i % forms.length]!;
  add('PHONE', kind, fill(pick(PHONE_TEMPLATES), value), [value]);
}

// ---- CARD ----
function luhnComplete(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}
const CARD_TEMPLATES = [
  '카드번호 {} 결제가 안 돼요',
  '{} 카드 분실 신고하려고요',
  '신용카드 {} 로 납부했는데요',
  'my card {} was charged twice',
  '체크카드({}) 환불 문의',
  '{}',
];
for (let i = 0; i < 42; i++) {
  const prefix = pick(['4', '5', '9', '3', '6']);
  const card = prefix === '3' ? luhnComplete(digits(14, '37')) : luhnComplete(digits(15, prefix + String(int(1, 9))));
  const groups =
    card.length === 15 ? [card.slice(0, 4), card.slice(4, 10), card.slice(10)] : [card.slice(0, 4), card.slice(4, 8), card.slice(8, 12), card.slice(12)];
  const forms: Array<[string, string]> = [
    ['grouped-hyphen', groups.join('-')],
    ['grouped-space', groups.join(' ')],
    ['contiguous', card],
    ['full-width', FULL(groups.join('-'))],
    ['zero-width', zeroWidth(groups.join('-'))],
    ...(card.length === 16 ? ([['masked', `${groups[0]}-${groups[1]!.slice(0, 2)}**-****-${groups[3]}`]] as Array<[string, string]>) : []),
  ];
  const [kind, value] = forms[i % forms.length]!;
  add('CARD', kind, fill(pick(CARD_TEMPLATES), value), [value]);
}

// ---- ACCOUNT: the banks' published layouts ----
const BANKS: ReadonlyArray<{ name: string; layouts: readonly (readonly number[])[] }> = [
  {
    name: 'KB국민은행',
    layouts: [
      [6, 2, 6],
      [3, 2, 4, 3],
    ],
  },
  {
    name: '신한은행',
    layouts: [
      [3, 3, 6],
      [3, 2, 6],
    ],
  },
  { name: '우리은행', layouts: [[4, 3, 6]] },
  { name: '하나은행', layouts: [[3, 6, 5]] },
  {
    name: 'NH농협',
    layouts: [
      [3, 4, 4, 2],
      [6, 2, 6],
    ],
  },
  { name: 'IBK기업은행', layouts: [[3, 6, 2, 3]] },
  { name: 'SC제일은행', layouts: [[3, 2, 6]] },
  { name: '대구은행', layouts: [[3, 2, 6, 1]] },
  { name: '부산은행', layouts: [[3, 4, 4, 2]] },
  { name: '새마을금고', layouts: [[4, 4, 4, 1]] },
  { name: '우체국', layouts: [[6, 2, 6]] },
  { name: '카카오뱅크', layouts: [[4, 2, 7]] },
  { name: '케이뱅크', layouts: [[3, 3, 6]] },
  { name: '토스뱅크', layouts: [[4, 4, 4]] },
  { name: '씨티은행', layouts: [[3, 6, 3]] },
  { name: '경남은행', layouts: [[3, 2, 7]] },
  { name: '광주은행', layouts: [[3, 3, 6]] },
  { name: '제주은행', layouts: [[2, 2, 6]] },
  { name: '수협', layouts: [[3, 2, 6]] },
  { name: '신협', layouts: [[3, 3, 6]] },
];
const BANK_TEMPLATES = [
  '{bank} {} 로 입금했어요',
  '환급금 받을 계좌는 {bank} {} 입니다',
  '{bank} 계좌번호 {} 예금주 김민수',
  '{} ({bank}) 으로 보내주세요',
  '{bank} {}',
  '지원금 {bank} {}로 받을 수 있나요',
  'refund to {bank} account {} please',
];
const LAYOUT_ONLY_TEMPLATES = ['{} 로 입금했어요', '이 번호 {} 로 보내면 되나요', '{} 맞는지 확인해 주세요', '{}'];
const groupsOf = (layout: readonly number[]) => layout.map((n, k) => digits(n, k === 0 ? String(int(1, 9)) : ''));
for (let i = 0; i < 80; i++) {
  const bank = BANKS[i % BANKS.length]!;
  const layout = pick(bank.layouts);
  const groups = groupsOf(layout);
  const style = Math.floor(i / BANKS.length); // 0 hyphen, 1 contiguous, 2 spaced, 3 hyphen without bank name
  if (style === 3) {
    // The layout alone: only the layouts no other number uses are expected to be caught here.
    const value = groups.join('-');
    const distinct = !['3-2-6', '4-4-4', '2-2-6', '3-6-3'].includes(layout.join('-'));
    const template = distinct ? pick(LAYOUT_ONLY_TEMPLATES) : pick(['계좌 {} 로 입금했어요', '통장 번호 {} 예요', '{} 계좌로 이체 부탁드립니다']);
    add('ACCOUNT', distinct ? `layout-${layout.join('-')}` : `layout-${layout.join('-')}+account-word`, fill(template, value), [value]);
    continue;
  }
  const value = style === 0 ? groups.join('-') : style === 1 ? groups.join('') : groups.join(' ');
  const text = fill(pick(BANK_TEMPLATES).replace('{bank}', bank.name), value);
  add('ACCOUNT', `${['hyphen', 'contiguous', 'spaced'][style]}-${layout.join('-')}`, text, [value]);
}

// ---- PASSPORT ----
const PASSPORT_TEMPLATES = ['여권번호 {} 입니다', '여권 {} 분실했어요', 'passport no. {}', '{} 여권 재발급 문의', '새 여권 번호가 {}인데 등록이 안 돼요'];
const L = 'ABCDEFGHJKLMNPRSTUVWXYZ';
for (let i = 0; i < 36; i++) {
  const first = pick(['M', 'M', 'M', 'S', 'D', 'R', 'O']);
  const newer = `${first}${digits(3)}${L[int(0, L.length - 1)]}${digits(4)}`;
  const older = `${first}${digits(8)}`;
  const forms: Array<[string, string, string]> = [
    ['new-format', newer, pick(PASSPORT_TEMPLATES)],
    ['new-format-no-word', newer, pick(['{} 로 예약했는데 확인 부탁드려요', '번호 {} 맞나요?', 'ID {} registered'])],
    ['old-format', older, pick(PASSPORT_TEMPLATES)],
    ['new-format-lower', newer.toLowerCase(), pick(PASSPORT_TEMPLATES)],
  ];
  const [kind, value, template] = forms[i % forms.length]!;
  add('PASSPORT', kind, fill(template, value), [value]);
}

// ---- EMAIL ----
const NAMES = ['minsu.kim', 'jiyoung_lee', 'park.sh', 'hong-gildong', 'sotong.user+gov', 'choi88', 'y.jung', 'helpme2024'];
const HANGUL_NAMES = ['김민수', '이지영', '박서현', '홍길동', '최유리', '정하늘'];
const DOMAINS = ['naver.com', 'gmail.com', 'daum.net', 'hanmail.net', 'kakao.com', 'korea.kr', 'company.co.kr', 'univ.ac.kr'];
const IDN_DOMAINS = ['회사.한국', '메일.한국', '학교.한국', '정부.한국'];
const EMAIL_TEMPLATES = ['이메일 {} 로 회신 부탁드려요', '{}로 서류 보내주세요', 'my email is {}', '메일주소: {}', '답변은 {} 에 주시면 돼요', '{}'];
for (let i = 0; i < 42; i++) {
  const forms: Array<[string, string]> = [
    ['ascii', `${pick(NAMES)}@${pick(DOMAINS)}`],
    ['idn-hangul-local', `${pick(HANGUL_NAMES)}@${pick(DOMAINS)}`],
    ['idn-hangul', `${pick(HANGUL_NAMES)}@${pick(IDN_DOMAINS)}`],
    ['full-width-at', `${pick(NAMES)}＠${pick(DOMAINS)}`],
    ['zero-width', zeroWidth(`${pick(NAMES)}@${pick(DOMAINS)}`)],
    ['ascii-local-idn-domain', `${pick(NAMES)}@${pick(IDN_DOMAINS)}`],
  ];
  const [kind, value] = forms[i % forms.length]!;
  add('EMAIL', kind, fill(pick(EMAIL_TEMPLATES), value), [value]);
}

// ---- Look-alikes: numbers and words citizens quote that are not personal data ----
const REP = ['1588', '1577', '1544', '1566', '1599', '1600', '1644', '1661', '1666', '1670', '1688', '1800', '1833', '1899'];
const REP_TEMPLATES = [
  '{} 이 번호 정말 금감원 맞나요?',
  '{}로 전화 왔는데 보이스피싱인가요',
  '고객센터 {} 연결이 안 돼요',
  'Is {} really the FSS number?',
  '{} 번호로 문자가 왔어요',
];
for (let i = 0; i < 32; i++) {
  const number = `${pick(REP)}${pick(['-', ' ', ''])}${digits(4)}`;
  add('NONE', 'representative-15xx-18xx', fill(pick(REP_TEMPLATES), number));
}
const SHORT = [
  '112',
  '119',
  '110',
  '1345',
  '1332',
  '182',
  '129',
  '120',
  '1350',
  '1382',
  '1393',
  '1366',
  '1388',
  '117',
  '118',
  '113',
  '111',
  '125',
  '1301',
  '1333',
];
for (const code of SHORT)
  add('NONE', 'public-short-code', pick([`급하면 ${code}에 전화하면 되나요?`, `${code} 번호가 뭐예요`, `call ${code}?`, `${code} 상담 시간 알려주세요`]));
const LOOKS: Record<string, readonly string[]> = {
  'date-time-amount': [
    '2024-03-15 신청했는데 아직이에요',
    '2024.3.4 오후 2시 방문',
    '14:30에 예약했어요',
    '1,234,567원이 빠져나갔어요',
    '환급금 12000000원 맞나요',
    '2023년 12월 31일까지인가요',
    '20240315 접수분 확인',
    '3월 15일 ~ 4월 30일',
    '09:00-18:00 운영하나요',
    '납부액 250,000원',
  ],
  'order-case-registration-number': [
    '주문번호 2024031512345678 배송 언제 와요',
    '운송장 1234-5678-9012 조회가 안 돼요',
    '사건번호 2023가단12345 진행 상황',
    '접수번호 110-123-456789 확인 부탁',
    '사업자등록번호 123-45-67890 조회',
    '우편번호 03154',
    '법인등록번호 110111-1234567 인가요',
    '민원번호 2024-0001234',
    '택배 송장 6012 3456 7890 어디쯤인가요',
    '예약번호 A1234567 입니다',
    '고객번호 8812345678 로 조회해 주세요',
    '신청번호 20241105-000123',
    'ISBN 978-89-12345-67-8 책 기증',
    '관리번호 2024-12-000345',
    '차량번호 12가 3456',
    '건물번호 123-45',
    'US case number 2024-555-0132 status',
    'claim 123-45-6789 form',
  ],
  'product-model-code': [
    '갤럭시 SM-G991N 분실',
    '모델명 A123B4567 제품 리콜',
    '서식 제5호 별지',
    'KS C 5601 문서',
    '도로명 세종대로 209',
    'iPhone 15 Pro 256GB',
    'COVID-19 백신 2차',
    'A4 용지 10매',
    'Windows 11 23H2',
    '버전 1.2.3 앱 오류',
  ],
  'handle-link-mention': [
    '@gov_helpline 답변 부탁해요',
    'https://www.gov.kr/mw/AA020InfoCappView.do?CappBizCD=13100000015 링크가 안 열려요',
    'www.passport.go.kr 접속 불가',
    '#여권재발급 해시태그',
    'gov.kr 에서 본 내용',
    'kakao.com/channel 주소',
    '메일 주소 알려주세요',
    '이메일로 받을 수 있나요?',
    '@ 기호가 안 쳐져요',
  ],
  'hangul-digit-words': [
    '공공기관 이사 일정 알려주세요',
    '일이 너무 많아요',
    '오늘 공연 있나요',
    '구청 이사 가요',
    '사이버 민원 영일 내로 처리되나요',
    '공영주차장 요금',
    '칠판 구매',
    '팔순 잔치 지원금',
    '삼일절 휴무인가요',
    '영구 임대주택 신청',
    '이삼일 걸린다던데요',
    '공사 소음 신고',
    '오일 교체 보조금',
    '구구단 숙제',
    '일공공 번지',
  ],
  'numbers-in-context': [
    '전화 02 국번이 뭐예요',
    '010으로 시작하는 번호가 왔어요',
    '주민번호 앞자리만 알려도 되나요',
    '카드 뒷자리 4자리',
    '계좌 개설 방법',
    '여권 사진 규격 3.5x4.5',
    '비밀번호 4자리',
    '인구 9,400,000명',
    '2024년 예산 656.6조',
    '전화번호 변경하려면요',
    '제 1호 안건',
    '교부번호 12자리가 뭐예요',
    '가구 수 3명',
    '주민센터 운영시간 9-18',
    '접수 후 7-14일',
    '상담 1-2분 대기',
    '1층 3번 창구',
    '버스 9401번',
    '지하철 2호선 강남역',
    '전용면적 84.97㎡',
    '2,000명 선착순',
    '연락처 010-XXXX-XXXX 형식으로 쓰나요',
    '주민번호 뒷자리 *******',
    '코로나 19 지원',
    '제 20대 국회',
    '30만원 지원',
    '기준중위소득 50%',
    'Form 1040 help',
    'Section 8 housing',
    'Room 1201',
    'Flight KE 081',
    'version 2024.11',
    'order #20241105-7781',
    'ZIP 03154',
    'Tel. 1588-2100 (센터)',
    '문의 1644-1234 국민건강보험',
    '1577-1000 금융감독원 맞나요',
    '1800-1111 어디 번호예요',
    '1599-0001 자동응답',
    'DHL tracking 1234567890',
    'UPS 1Z999AA10123456784',
    '접수증 번호 2024-123456-01',
    'KTX 101 열차',
    '좌석 12A',
    '콜센터 1588 다음 4자리 뭐였죠',
    '1350 고용노동부',
    '129 보건복지상담',
    '120 다산콜센터',
    '1345 외국인종합안내',
    '세금 2,500,000원 분납',
    '2025년 1월 1일 시행',
    '12월 25일 휴무',
    '제3조 제2항',
    '행정안전부 고시 제2024-12호',
    '전화는 02-120 아니고 120',
    '주문 3건 취소',
    '3번 출구',
    '10년 거주',
    '만 19세',
    '1인 가구',
    '15일 이내',
    '2~3주 걸려요',
    '6개월분',
    '100% 환급',
    '24시간 운영',
  ],
};
for (const [kind, texts] of Object.entries(LOOKS)) for (const text of texts) add('NONE', kind, text);

const out = path.join(__dirname, 'corpus.jsonl');
writeFileSync(out, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
const count = (t: CorpusType) => items.filter((i) => i.type === t).length;
console.log(
  `wrote ${items.length} items to ${out}: ${(['RRN', 'PHONE', 'CARD', 'ACCOUNT', 'PASSPORT', 'EMAIL', 'NONE'] as const).map((t) => `${t} ${count(t)}`).join(', ')}`,
);
