// The freshness panel, shared by the studio and the dashboard: official links whose last check
// failed, and answers past their review date (or with none). Its own few words in both languages.
import type { FreshnessReport } from '../../freshness/report';
import { el, replace } from './dom';
import type { Lang } from './i18n';

const TEXT = {
  ko: {
    broken: '깨진 공식 링크',
    noBroken: '깨진 링크가 없습니다.',
    checked: (n: number, total: number) => `공식 링크 ${total}개 중 ${n}개 확인함`,
    due: '검토할 답변',
    noDue: '검토 기한이 지난 답변이 없습니다.',
    never: '검토일 없음',
    overdue: (date: string) => `${date}까지 검토`,
    seasonal: '기간 한정',
    owner: '담당',
  },
  en: {
    broken: 'Broken official links',
    noBroken: 'No broken links.',
    checked: (n: number, total: number) => `${n} of ${total} official links checked`,
    due: 'Answers to review',
    noDue: 'No answer is past its review date.',
    never: 'no review date',
    overdue: (date: string) => `review by ${date}`,
    seasonal: 'seasonal',
    owner: 'owner',
  },
} as const;

export function renderFreshness(root: HTMLElement, report: FreshnessReport, lang: Lang): void {
  const t = TEXT[lang];
  const broken = report.brokenLinks.map((l) =>
    el(
      'li',
      { className: 'broken-link', 'data-url': l.url },
      el('code', {}, l.url),
      ` — ${l.intent} · ${l.status}${l.httpStatus ? ` ${l.httpStatus}` : ''}${l.error ? ` (${l.error})` : ''}`,
    ),
  );
  const due = report.answersDue.map((a) =>
    el(
      'li',
      { className: 'answer-due', 'data-intent': a.intent },
      `${a.intent} #${a.answer + 1} — ${a.reviewBy ? t.overdue(a.reviewBy) : t.never} · ${t.owner}: `,
      // The owner is catalog content (a team's own name), not the page's words.
      el('span', { 'data-content': '' }, a.owner),
      a.seasonal ? ` · ${t.seasonal}` : '',
    ),
  );
  replace(
    root,
    el('h3', {}, t.broken),
    el('p', { className: 'muted' }, t.checked(report.links.checked, report.links.total)),
    broken.length ? el('ul', { id: 'broken-links' }, ...broken) : el('p', { className: 'muted' }, t.noBroken),
    el('h3', {}, t.due),
    due.length ? el('ul', { id: 'answers-due', className: 'scroll' }, ...due) : el('p', { className: 'muted' }, t.noDue),
  );
}
