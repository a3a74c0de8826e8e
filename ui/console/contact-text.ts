// The contact panel's words, Korean first (ui/console/contact-panel.ts).
import type { Dictionary } from '../shared/i18n';

const ko = {
  contactTitle: '연락처 이력',
  contactNone: '문의를 고르면 이 시민의 이전 대화와 문의가 여기에 보입니다.',
  contactLoading: '이력을 불러오는 중…',
  identities: '채널 계정',
  linkedByAgent: '상담원이 같은 시민으로 확인',
  linkedVerified: '같은 인증 계정',
  since: '{date}부터',
  unlink: '연결 해제',
  unlinked: '연결을 해제했습니다.',
  history: '이전 대화와 문의',
  noHistory: '다른 대화가 없습니다.',
  messages: '메시지 {count}개',
  noIntents: '의도 없음',
  currentTicket: '지금 보는 문의',
  rating: '만족도 {score}/5',
  notRated: '만족도 없음',
  linkLabel: '다른 채널의 문의 번호',
  linkPlaceholder: '문의 번호(티켓 ID)',
  linkHelp: '시민이 그 채널에서도 문의했다고 확인한 경우에만 연결하세요. 이름이나 가려진 개인정보로 짐작하지 마세요.',
  linkButton: '같은 시민으로 연결',
  linked: '같은 시민으로 연결했습니다.',
  'channel.web': '웹 채팅',
  'channel.kakao': '카카오톡',
  'channel.facebook': '페이스북',
  'channel.x': 'X',
  'outcome.waiting': '상담 대기',
  'outcome.assigned': '상담 중',
  'outcome.resolved': '해결됨',
  'outcome.returned_to_bot': '봇으로 돌아감',
  'outcome.bot_answered': '봇이 답변',
  'outcome.bot_only': '봇과 대화',
};

export type ContactKey = keyof typeof ko;

export const CONTACT_TEXT: Dictionary<ContactKey> = {
  ko,
  en: {
    contactTitle: 'Contact history',
    contactNone: "Pick a ticket to see this citizen's earlier conversations and tickets here.",
    contactLoading: 'Loading the history…',
    identities: 'Channel accounts',
    linkedByAgent: 'Confirmed the same citizen by an agent',
    linkedVerified: 'Same verified account',
    since: 'since {date}',
    unlink: 'Unlink',
    unlinked: 'Unlinked.',
    history: 'Earlier conversations and tickets',
    noHistory: 'No other conversations.',
    messages: '{count} messages',
    noIntents: 'No intent',
    currentTicket: 'This ticket',
    rating: 'Rated {score}/5',
    notRated: 'Not rated',
    linkLabel: 'A ticket from another channel',
    linkPlaceholder: 'Ticket ID',
    linkHelp: 'Link only when the citizen confirmed they also wrote there. Never guess from names or redacted personal data.',
    linkButton: 'Link as the same citizen',
    linked: 'Linked as the same citizen.',
    'channel.web': 'Web chat',
    'channel.kakao': 'KakaoTalk',
    'channel.facebook': 'Facebook',
    'channel.x': 'X',
    'outcome.waiting': 'Waiting',
    'outcome.assigned': 'With an agent',
    'outcome.resolved': 'Resolved',
    'outcome.returned_to_bot': 'Returned to bot',
    'outcome.bot_answered': 'Answered by the bot',
    'outcome.bot_only': 'Bot conversation',
  },
};

/** The key of a dynamic value ('channel', 'kakao' → 'channel.kakao'), if the dictionary has it. */
export function contactKey(prefix: 'channel' | 'outcome', value: string): ContactKey | undefined {
  const key = `${prefix}.${value}`;
  return Object.prototype.hasOwnProperty.call(ko, key) ? (key as ContactKey) : undefined;
}
