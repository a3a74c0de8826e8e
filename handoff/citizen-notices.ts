// What the citizen is told when an agent closes their thread, in their language. Sent through
// their channel like any reply (outbox → outbound job).
import type { ReplyLanguage } from '../bot/texts';

export type CitizenNotice = 'resolved' | 'returned_to_bot';

const NOTICES: Readonly<Record<CitizenNotice, Readonly<Record<ReplyLanguage, string>>>> = {
  resolved: {
    ko: '상담원이 문의를 해결 완료로 처리했어요. 더 궁금한 점이 있으면 언제든 다시 보내 주세요. 자동 안내가 먼저 답변드립니다. 상담은 어떠셨나요? 아래에서 1점(매우 불만족)부터 5점(매우 만족)까지 골라 주세요.',
    en: 'An agent has marked your question as resolved. If you need anything else, just write again; our automatic assistant will answer first. How did we do? Pick a score from 1 (very poor) to 5 (very good) below.',
  },
  returned_to_bot: {
    ko: '이제 자동 안내가 이 대화에 답변드려요. 상담원이 다시 필요하면 "상담원 연결"이라고 보내 주세요.',
    en: 'Our automatic assistant will answer in this conversation from now on. If you need an agent again, write "talk to an agent".',
  },
};

export function citizenNotice(kind: CitizenNotice, language: string | null): string {
  return NOTICES[kind][language === 'en' ? 'en' : 'ko'];
}
