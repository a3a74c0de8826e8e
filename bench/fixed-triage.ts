// A triage that always auto-answers the same FAQ: the load benchmarks measure the channel,
// pipeline and store, not the classifier (which has its own benchmarks).
import type { Decision } from '../bot/types';
import type { TriageFn } from '../pipeline/types';

export const fixedTriage: TriageFn = (): Decision => ({
  intent: 'residence.move_in',
  confidence: 0.93,
  topK: [{ intent: 'residence.move_in', confidence: 0.93 }],
  entities: [],
  pii: [],
  language: 'ko',
  action: 'auto_answer',
  reply: { text: '네, 정부24에서 온라인 전입신고가 가능합니다.', links: [{ label: '전입신고', url: 'https://www.gov.kr' }] },
  modelVersion: 'bench',
});
