// The dashboard's quality section words, Korean first (ui/dashboard/quality.ts).
import type { Dictionary } from '../shared/i18n';

const ko = {
  qualityTitle: '해결 품질 추이',
  qualityNote: '해결 시간은 그 구간에 해결된 문의의 중앙값, 재문의율은 해결 뒤 다시 열리거나 재문의 창 안에 새 문의가 이어진 비율입니다.',
  csatKpi: '시민 만족도 (CSAT)',
  csatDetail: '평가 {count}건 · 1–5점',
  deflectionKpi: '봇 종결률',
  deflectionDetail: '봇이 답한 대화 {total}건 중 24시간 안에 상담원에게 가지 않은 {deflected}건 (24시간이 안 된 {pending}건은 아직 셈하지 않음)',
  period: '구간',
  resolved: '해결',
  medianResolution: '해결 시간 (중앙값)',
  reopenRate: '재문의율',
  ratings: '평가 수',
  averageRating: '평균 만족도',
  noQuality: '이 기간에 해결된 문의나 평가가 없습니다.',
};

export type QualityKey = keyof typeof ko;

export const QUALITY_TEXT: Dictionary<QualityKey> = {
  ko,
  en: {
    qualityTitle: 'Resolution quality over time',
    qualityNote:
      'Resolution time is the median of the tickets resolved in the period; the reopen rate is the share reopened, or followed by a new ticket within the reopen window.',
    csatKpi: 'Citizen satisfaction (CSAT)',
    csatDetail: '{count} ratings · 1–5',
    deflectionKpi: 'Closed by the bot',
    deflectionDetail: '{deflected} of {total} conversations the bot answered reached no agent within 24 h ({pending} younger than 24 h not counted yet)',
    period: 'Period',
    resolved: 'Resolved',
    medianResolution: 'Resolution (median)',
    reopenRate: 'Reopen rate',
    ratings: 'Ratings',
    averageRating: 'Average CSAT',
    noQuality: 'No resolved tickets or ratings in this period.',
  },
};
