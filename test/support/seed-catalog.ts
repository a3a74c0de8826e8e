// One small, typed catalog for tests that need intents and answers but not the full catalog.
import type { Catalog, IntentDefinition } from '../../bot/intent-schema';

const link = (ko: string, en: string, url: string) => ({ label: { ko, en }, url, checked: '2026-11-28' });
const owner = (queue: string) => ({ queue, department: { ko: queue, en: queue } });

export const SEED_INTENTS: readonly IntentDefinition[] = [
  {
    id: 'cert.family_relation',
    name: { ko: '가족관계증명서 발급', en: 'Family-relation certificates' },
    policy: 'faq',
    owner: owner('documents'),
    examples: { ko: ['가족관계증명서 어디서 떼요', '가족관계증명서 인터넷 발급'], en: ['family relation certificate online'] },
    links: [link('전자가족관계등록시스템', 'e-Family', 'https://efamily.scourt.go.kr')],
    answers: [
      {
        public: { ko: '가족관계증명서는 온라인으로 발급돼요.', en: 'You can get it online.' },
        private: { ko: '전자가족관계등록시스템에서 발급하세요.', en: 'Issue it on the e-Family site.' },
        links: [0],
      },
    ],
  },
  {
    id: 'toll.holiday_exemption',
    name: { ko: '명절 통행료 면제', en: 'Holiday toll exemption' },
    policy: 'faq',
    owner: owner('transport'),
    examples: { ko: ['설 통행료 면제 기간'], en: ['holiday toll free'] },
    links: [link('한국도로공사 콜센터', 'Expressway call centre', 'tel:1588-2504')],
    answers: [
      {
        public: { ko: '이번 설 연휴 면제 기간 안내', en: 'This Seollal window' },
        private: { ko: '이번 설 연휴 면제 기간 안내', en: 'This Seollal window' },
        links: [0],
        effective: { from: '2027-02-05', to: '2027-02-09' },
      },
      {
        public: { ko: '면제 기간은 명절마다 발표돼요.', en: 'Dates are announced each holiday.' },
        private: { ko: '면제 기간은 명절마다 발표돼요.', en: 'Dates are announced each holiday.' },
        links: [0],
      },
    ],
  },
  {
    id: 'emergency.urgent',
    name: { ko: '긴급 상황', en: 'Emergency' },
    policy: 'urgent',
    owner: owner('emergency'),
    examples: { ko: ['지금 불났어요'], en: ['there is a fire'] },
    links: [link('119', '119', 'tel:119'), link('112', '112', 'tel:112'), link('109', '109', 'tel:109')],
    answers: [
      {
        public: { ko: '지금 바로 119·112에 전화하세요.', en: 'Call 119 or 112 now.' },
        private: { ko: '지금 바로 119·112에 전화하세요. 109도 있어요.', en: 'Call 119 or 112 now; 109 for crisis counselling.' },
        links: [0, 1, 2],
      },
    ],
  },
  {
    id: 'chat.human',
    name: { ko: '상담원 연결', en: 'Talk to a person' },
    policy: 'handoff',
    owner: owner('general'),
    examples: { ko: ['상담원 연결해 주세요'], en: ['talk to a human'] },
    links: [],
    answers: [],
  },
  {
    id: 'chat.abuse',
    name: { ko: '욕설', en: 'Abuse' },
    policy: 'moderate',
    owner: owner('moderation'),
    examples: { ko: ['답변 수준 보소'], en: ['useless bot'] },
    links: [],
    answers: [],
  },
  {
    id: 'out_of_scope',
    name: { ko: '범위 외', en: 'Out of scope' },
    policy: 'decline',
    owner: owner('general'),
    examples: { ko: ['내일 날씨 어때요'], en: ['weather tomorrow'] },
    links: [link('110', '110', 'tel:110')],
    answers: [
      {
        public: { ko: '여기서는 도와드리기 어려워요.', en: 'We cannot help with that here.' },
        private: { ko: '여기서는 도와드리기 어려워요. 110으로 문의하세요.', en: 'We cannot help with that here; call 110.' },
        links: [0],
      },
    ],
  },
];

export function seedCatalog(intents: readonly IntentDefinition[] = SEED_INTENTS): Catalog {
  return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
}
