// The bot's own sentences (not intent answers, which live in the catalog). Korean and English.

export type ReplyLanguage = 'ko' | 'en';

interface Bilingual {
  readonly ko: string;
  readonly en: string;
}

export const TEXTS = {
  // A message while the citizen's ticket waits for an agent (nobody has claimed it yet).
  waitingAck: {
    ko: '메시지를 받았어요. 담당 상담사가 곧 이 대화로 답변드릴게요.',
    en: 'Got it. An agent will reply here soon.',
  },
  handoff: {
    ko: '담당 상담사에게 연결했어요. 확인 후 이 대화로 답변드릴게요.',
    en: 'We have passed your message to an agent, who will reply here.',
  },
  handoffPublic: {
    ko: '확인 후 답변드릴게요. 개인 정보가 필요한 내용은 DM으로 보내 주세요.',
    en: 'An agent will get back to you. Please send anything personal by DM.',
  },
  clarify: {
    ko: '어떤 내용을 찾으시나요? 아래에서 골라 주세요.',
    en: 'Which of these are you asking about?',
  },
  clarifyTwo: {
    ko: '두 가지를 물어보셨어요. 먼저 안내받을 내용을 골라 주세요.',
    en: 'You asked about two things. Pick the one to start with.',
  },
  clarifyAgent: { ko: '상담원 연결', en: 'Talk to an agent' },
  clarifyAgentText: { ko: '상담원', en: 'agent' },
  rephrase: {
    ko: '다시 말씀해 주시겠어요? 궁금한 내용을 문장으로 적어 주세요. 예: "가족관계증명서 어디서 떼요?", "여권 재발급 방법", "보이스피싱 신고"',
    en: 'Could you say that again? Please write your question in words, for example "How do I get a family relation certificate?", "passport renewal" or "report a phishing text".',
  },
  // An abusive message with a real complaint: calm, no lecture, and a person will follow up.
  abuseAck: {
    ko: '많이 답답하셨을 것 같아요. 불편을 드려 죄송합니다. 말씀하신 내용은 담당 상담사에게 전달했고, 확인 후 이 대화로 답변드릴게요.',
    en: 'We are sorry this has been so frustrating. We have passed your message to an agent, who will look into it and reply here.',
  },
  piiPublic: {
    ko: '게시글에 개인정보가 보여요. 보호를 위해 글을 삭제하시고 DM으로 다시 문의해 주세요.',
    en: 'Your post shows personal information. Please delete it and send us a DM instead.',
  },
  mediaReceived: {
    ko: '보내 주신 사진·파일을 받았어요. 담당 상담사가 확인하고 이 대화로 답변드릴게요. 궁금한 점을 글로 함께 남겨 주시면 더 빨리 도와드릴 수 있어요.',
    en: 'We received what you sent. An agent will look at it and reply here. A few words about your question will help us answer sooner.',
  },
  mediaReceivedPublic: {
    ko: '보내 주신 내용을 받았어요. 담당자가 확인 후 답변드릴게요. 개인 정보는 DM으로 보내 주세요.',
    en: 'We received it and an agent will get back to you. Please send anything personal by DM.',
  },
  sticker: {
    ko: '😊 더 궁금한 점이 있으면 언제든 말씀해 주세요.',
    en: '😊 Ask us anything else any time.',
  },
  // Used only when the catalog has no emergency answer: the numbers must go out regardless.
  urgentFallback: {
    ko: '긴급 상황이면 바로 119(화재·구조·구급) 또는 112(경찰)에 전화하세요. 마음이 힘드시면 109(자살예방 상담, 24시간). 상담사에게도 바로 알렸어요.',
    en: 'If this is an emergency, call 119 (fire, rescue, ambulance) or 112 (police) now. If you are thinking of suicide, call 109 (24 h). We have alerted an agent.',
  },
} as const satisfies Record<string, Bilingual>;

/** Example questions offered as quick replies when a message could not be read. */
export const REPHRASE_EXAMPLES: Readonly<Record<ReplyLanguage, readonly string[]>> = {
  ko: ['가족관계증명서 어디서 떼요?', '여권 재발급 방법', '보이스피싱 신고'],
  en: ['How do I get a family relation certificate?', 'Passport renewal', 'Report a phishing text'],
};
