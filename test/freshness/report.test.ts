import { freshnessReport } from '../../freshness/report';
import type { LinkCheckRow } from '../../freshness/link-check-repository';
import { seedCatalog, SEED_INTENTS } from '../support/seed-catalog';

const now = new Date('2027-03-01T03:00:00Z'); // 2027-03-01 in Seoul
const check = (url: string, status: LinkCheckRow['status'], http_status: number | null = null): LinkCheckRow => ({
  url,
  status,
  http_status,
  final_url: null,
  error: status === 'unreachable' ? 'no answer within 10000 ms' : null,
  checked_at: new Date('2027-02-28T00:00:00Z'),
});

describe('freshnessReport', () => {
  const [first, ...rest] = SEED_INTENTS;
  const catalog = seedCatalog([
    {
      ...first!,
      answers: [
        { ...first!.answers[0]!, reviewBy: '2027-02-28', owner: '가족관계 담당팀' }, // overdue
        { ...first!.answers[0]!, reviewBy: '2027-03-01' }, // due today: still fine
        { ...first!.answers[0]!, effective: { from: '2027-01-01', to: '2027-01-31' } }, // no date
      ],
    },
    ...rest,
  ]);

  test('answers past reviewBy or without one are listed, overdue first, with their owner', () => {
    const due = freshnessReport(catalog, [], now).answersDue.filter((a) => a.intent === first!.id);
    expect(due).toEqual([
      { intent: first!.id, answer: 0, owner: '가족관계 담당팀', reviewBy: '2027-02-28', seasonal: false },
      { intent: first!.id, answer: 2, owner: first!.owner.department.ko, reviewBy: null, seasonal: true },
    ]);
  });

  test('links whose last check was broken or unreachable are listed; ok, redirected and blocked are not', () => {
    const url = first!.links[0]!.url;
    const report = freshnessReport(catalog, [check(url, 'broken', 404)], now);
    expect(report.brokenLinks).toEqual([expect.objectContaining({ intent: first!.id, url, status: 'broken', httpStatus: 404 })]);
    expect(report.links.checked).toBe(1);
    for (const status of ['ok', 'redirected', 'blocked'] as const) {
      expect(freshnessReport(catalog, [check(url, status, 200)], now).brokenLinks).toEqual([]);
    }
    expect(freshnessReport(catalog, [check(url, 'unreachable')], now).brokenLinks[0]?.error).toMatch(/no answer/);
  });
});
