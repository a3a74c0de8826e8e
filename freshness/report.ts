// What needs a person's attention to keep answers true: answers past their review date (or with
// none), and official links whose last check failed. Pure: the catalog, the stored checks and
// the clock come in.
import type { Catalog } from '../bot/intent-schema';
import { seoulDate } from '../bot/reply';
import type { LinkCheckRow } from './link-check-repository';

export interface AnswerDue {
  readonly intent: string;
  /** Index into the intent's answers. */
  readonly answer: number;
  readonly owner: string;
  /** null: the answer has no review date yet. */
  readonly reviewBy: string | null;
  readonly seasonal: boolean;
}

export interface BrokenLink {
  readonly intent: string;
  readonly label: string;
  readonly url: string;
  readonly status: string;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly checkedAt: string;
}

export interface FreshnessReport {
  /** Seoul date the report was made for. */
  readonly today: string;
  readonly answersDue: readonly AnswerDue[];
  readonly brokenLinks: readonly BrokenLink[];
  readonly links: { readonly total: number; readonly checked: number };
}

/** Statuses a citizen would notice: the page is gone or the site does not answer. */
const BROKEN = new Set(['broken', 'unreachable']);

export function freshnessReport(catalog: Catalog, checks: readonly LinkCheckRow[], now: Date): FreshnessReport {
  const today = seoulDate(now);
  const byUrl = new Map(checks.map((c) => [c.url, c]));
  const answersDue = catalog.intents.flatMap((intent) =>
    intent.answers.flatMap((answer, index): AnswerDue[] =>
      answer.reviewBy && answer.reviewBy >= today
        ? []
        : [
            {
              intent: intent.id,
              answer: index,
              owner: answer.owner ?? intent.owner.department.ko,
              reviewBy: answer.reviewBy ?? null,
              seasonal: Boolean(answer.effective),
            },
          ],
    ),
  );
  const webLinks = catalog.intents.flatMap((intent) => intent.links.filter((l) => l.url.startsWith('https://')).map((link) => ({ intent: intent.id, link })));
  const brokenLinks = webLinks.flatMap(({ intent, link }): BrokenLink[] => {
    const check = byUrl.get(link.url);
    if (!check || !BROKEN.has(check.status)) return [];
    return [
      {
        intent,
        label: link.label.ko,
        url: link.url,
        status: check.status,
        httpStatus: check.http_status,
        error: check.error,
        checkedAt: check.checked_at.toISOString(),
      },
    ];
  });
  const urls = new Set(webLinks.map((w) => w.link.url));
  return {
    today,
    // Overdue first (oldest date first), then the ones that never had a date.
    answersDue: [...answersDue].sort((a, b) => (a.reviewBy ?? '9999').localeCompare(b.reviewBy ?? '9999') || a.intent.localeCompare(b.intent)),
    brokenLinks,
    links: { total: urls.size, checked: [...urls].filter((u) => byUrl.has(u)).length },
  };
}
