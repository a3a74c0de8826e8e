// The UI's pure pieces, without a browser: queue order, time left, chart series, the duplicate
// check as you type, and which links may be opened.
import { orderQueue } from '../../ui/console/queue-order';
import { bucketLabel, pivotSeries } from '../../ui/dashboard/series';
import { isOpenableUrl } from '../../ui/shared/dom';
import { formatSeconds, formatTimeLeft, percent } from '../../ui/shared/format';
import { findOverlaps } from '../../ui/studio/similarity';

describe('queue order', () => {
  const t = (id: string, priority: string, slaDeadline: string | null, createdAt = '2026-11-28T00:00:00Z') => ({ id, priority, slaDeadline, createdAt });

  it('puts priority first, then the nearest deadline, then the oldest; no deadline goes last', () => {
    const order = orderQueue([
      t('low-soon', 'low', '2026-11-28T10:00:00Z'),
      t('normal-late', 'normal', '2026-11-28T12:00:00Z'),
      t('normal-none', 'normal', null),
      t('urgent', 'urgent', '2026-11-28T13:00:00Z'),
      t('normal-soon', 'normal', '2026-11-28T11:00:00Z'),
      t('normal-soon-older', 'normal', '2026-11-28T11:00:00Z', '2026-11-27T00:00:00Z'),
      t('high', 'high', '2026-11-28T14:00:00Z'),
    ]).map((x) => x.id);
    expect(order).toEqual(['urgent', 'high', 'normal-soon-older', 'normal-soon', 'normal-late', 'normal-none', 'low-soon']);
  });

  it('sorts an unknown priority after the known ones instead of throwing', () => {
    expect(orderQueue([t('odd', 'whatever', null), t('low', 'low', null)]).map((x) => x.id)).toEqual(['low', 'odd']);
  });
});

describe('formatting', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it.each([
    ['2026-11-28T10:03:07Z', '3:07'],
    ['2026-11-28T09:59:18Z', '-0:42'],
    ['2026-11-28T11:02:05Z', '1:02:05'],
  ])('time left until %s is %s', (deadline, expected) => expect(formatTimeLeft(deadline, now)).toBe(expected));
  it('shows a dash without a deadline or a value', () => {
    expect(formatTimeLeft(null, now)).toBe('—');
    expect(percent(null)).toBe('—');
    expect(formatSeconds(undefined)).toBe('—');
  });
  it('shows seconds below 90 s and minutes above', () => {
    expect(formatSeconds(4.25)).toBe('4.3s');
    expect(formatSeconds(42)).toBe('42s');
    expect(formatSeconds(330)).toBe('5.5 min');
    expect(percent(0.8567)).toBe('85.7%');
  });
});

describe('chart series', () => {
  const points = [
    { at: '2026-11-27T00:00:00.000Z', key: 'web', count: 3 },
    { at: '2026-11-28T00:00:00.000Z', key: 'web', count: 1 },
    { at: '2026-11-28T00:00:00.000Z', key: 'x', count: 5 },
    { at: '2026-11-27T00:00:00.000Z', key: 'kakao', count: 1 },
    { at: '2026-11-28T00:00:00.000Z', key: 'facebook', count: 1 },
  ];

  it('makes one series per key over all time buckets, zero-filled, largest first', () => {
    const { labels, series } = pivotSeries(points, 8, 'others');
    expect(labels).toEqual(['2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z']);
    expect(series).toEqual([
      { key: 'x', values: [0, 5] },
      { key: 'web', values: [3, 1] },
      { key: 'facebook', values: [0, 1] },
      { key: 'kakao', values: [1, 0] },
    ]);
  });

  it('folds the smallest keys into "others" beyond the limit, keeping every count', () => {
    const { series } = pivotSeries(points, 3, 'others');
    expect(series.map((s) => s.key)).toEqual(['x', 'web', 'others']);
    expect(series.find((s) => s.key === 'others')!.values).toEqual([1, 1]);
    const total = (s: typeof series) => s.reduce((n, x) => n + x.values.reduce((a, b) => a + b, 0), 0);
    expect(total(series)).toBe(11);
  });

  it('labels buckets by day or hour', () => {
    expect(bucketLabel('2026-11-28T00:00:00.000Z', 'day', 'ko')).toMatch(/^11\/28$/);
    expect(bucketLabel('2026-11-28T13:00:00.000Z', 'hour', 'en')).toMatch(/^11\/28 \d\d:00$/);
  });
});

describe('duplicate check as you type', () => {
  const examples = [
    { intentId: 'cert.family_relation', text: '가족관계증명서 어디서 떼요', language: 'ko' },
    { intentId: 'cert.family_relation', text: '가족관계증명서 인터넷 발급', language: 'ko' },
    { intentId: 'cert.seal', text: '인감증명서 발급 방법', language: 'ko' },
  ];

  it('blocks what the server would refuse: a near copy of another intent, an exact repeat within one', () => {
    const cross = findOverlaps(examples, 'cert.seal', '가족관계증명서 어디서 떼요?');
    expect(cross[0]).toMatchObject({ intent: 'cert.family_relation', blocking: true, sameIntent: false, similarity: 1 });
    const same = findOverlaps(examples, 'cert.family_relation', '가족관계 증명서 어디서 떼요');
    expect(same[0]).toMatchObject({ intent: 'cert.family_relation', blocking: true, sameIntent: true });
  });

  it('shows a near neighbour without blocking, and nothing for an unrelated text', () => {
    const near = findOverlaps(examples, 'cert.family_relation', '가족관계증명서 인터넷 발급 방법');
    expect(near.length).toBeGreaterThan(0);
    expect(near.every((o) => !o.blocking)).toBe(true);
    expect(findOverlaps(examples, 'cert.seal', '여권 사진 규격')).toEqual([]);
    expect(findOverlaps(examples, 'cert.seal', '   ')).toEqual([]);
  });
});

describe('links', () => {
  it.each([
    ['https://www.gov.kr', true],
    ['http://example.go.kr/x', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['tel:110', false],
    ['not a url', false],
  ])('%s may be opened: %s', (url, ok) => expect(isOpenableUrl(url)).toBe(ok));
});
