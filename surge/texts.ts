// The surge module's sentences to citizens, Korean and English.
import type { ReplyLanguage } from '../bot/texts';

export function waitNotice(lang: ReplyLanguage, waiting: number, minutes: number | null): string {
  if (minutes === null) {
    return lang === 'ko'
      ? `지금 문의가 많아 ${waiting}건이 상담사를 기다리고 있어요. 답변이 늦어질 수 있어요. 긴급한 상황이면 119 또는 112로 바로 전화하세요.`
      : `We are very busy: ${waiting} messages are waiting for an agent, so a reply may take a while. In an emergency, call 119 or 112 now.`;
  }
  return lang === 'ko'
    ? `지금 문의가 많아 ${waiting}건이 상담사를 기다리고 있어요. 예상 대기 시간은 약 ${minutes}분이에요. 긴급한 상황이면 119 또는 112로 바로 전화하세요.`
    : `We are very busy: ${waiting} messages are waiting for an agent; the expected wait is about ${minutes} min. In an emergency, call 119 or 112 now.`;
}
