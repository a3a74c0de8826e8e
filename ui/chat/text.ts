// The citizen chat's words, Korean first.
export type ChatLang = 'ko' | 'en';

const ko = {
  title: '소통 민원 안내 채팅',
  privacy: '주민등록번호, 전화번호, 카드·계좌번호 같은 개인정보는 보내지 마세요.',
  emergency: '긴급한 상황이면 지금 바로 119(화재·구조) 또는 112(범죄)에 전화하세요.',
  inputLabel: '질문',
  placeholder: '궁금한 점을 적어 주세요',
  send: '보내기',
  toggle: 'English',
  toggleLabel: 'Switch to English',
  citizen: '나',
  bot: '안내봇',
  agent: '상담원',
  sending: '보내는 중…',
  live: '연결됨: 상담원 답변도 여기에 바로 표시됩니다.',
  reconnecting: '연결이 끊겼습니다. 다시 연결하는 중…',
  failed: '보내지 못했습니다. 잠시 후 다시 시도해 주세요.',
  handedOver: '담당자에게 전달했습니다. 답변이 오면 여기에 표시됩니다.',
  links: '관련 링크',
  helpfulQuestion: '도움이 됐나요?',
  helpfulYes: '👍 네',
  helpfulNo: '👎 아니요',
  helpfulThanks: '의견 감사합니다.',
  offerAgent: '상담원과 이야기하시겠어요?',
  agentButton: '상담원 연결',
  agentRequest: '상담원 연결해 주세요',
  ratingQuestion: '상담은 어떠셨나요?',
  ratingLow: '매우 불만족',
  ratingHigh: '매우 만족',
  ratingThanks: '평가해 주셔서 감사합니다.',
  commentLabel: '한 줄 의견 (선택)',
  sendComment: '의견 보내기',
  commentThanks: '의견을 보냈습니다.',
};

export type ChatKey = keyof typeof ko;

export const CHAT_TEXT: Readonly<Record<ChatLang, Readonly<Record<ChatKey, string>>>> = {
  ko,
  en: {
    title: 'Sotong helpline chat',
    privacy: 'Do not send personal data such as resident registration, phone, card or account numbers.',
    emergency: 'In an emergency call 119 (fire, rescue) or 112 (police) now.',
    inputLabel: 'Your question',
    placeholder: 'Type your question',
    send: 'Send',
    toggle: '한국어',
    toggleLabel: '한국어로 보기',
    citizen: 'You',
    bot: 'Helpline bot',
    agent: 'Agent',
    sending: 'Sending…',
    live: 'Connected: agent replies appear here as they come.',
    reconnecting: 'Connection lost. Reconnecting…',
    failed: 'Could not send. Please try again shortly.',
    handedOver: 'Passed to a person. Their answer will appear here.',
    links: 'Related links',
    helpfulQuestion: 'Was this helpful?',
    helpfulYes: '👍 Yes',
    helpfulNo: '👎 No',
    helpfulThanks: 'Thank you for your feedback.',
    offerAgent: 'Would you like to talk to an agent?',
    agentButton: 'Talk to an agent',
    agentRequest: 'I want to talk to an agent',
    ratingQuestion: 'How did we do?',
    ratingLow: 'Very poor',
    ratingHigh: 'Very good',
    ratingThanks: 'Thank you for your rating.',
    commentLabel: 'A comment (optional)',
    sendComment: 'Send comment',
    commentThanks: 'Comment sent.',
  },
};

/**
 * The language of a first visit: the first of the browser's preferred languages that we speak,
 * Korean when it names neither.
 */
export function browserLanguage(preferred: readonly string[]): ChatLang {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'ko' || primary === 'en') return primary;
  }
  return 'ko';
}
