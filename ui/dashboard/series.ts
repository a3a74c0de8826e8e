// Turns the API's (time, key, count) points into chart series: one label per time bucket, one
// series per key, the largest `maxSeries` keys kept and the rest summed as "others". Pure.

export interface Point {
  readonly at: string;
  readonly key: string;
  readonly count: number;
}

export interface Series {
  readonly labels: readonly string[];
  readonly series: readonly { readonly key: string; readonly values: readonly number[] }[];
}

export function pivotSeries(points: readonly Point[], maxSeries: number, othersKey: string): Series {
  const labels = [...new Set(points.map((p) => p.at))].sort();
  const totals = new Map<string, number>();
  for (const p of points) totals.set(p.key, (totals.get(p.key) ?? 0) + p.count);
  const ranked = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const kept = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const keys = ranked.length > kept.length ? [...kept, othersKey] : kept;
  const index = new Map(labels.map((l, i) => [l, i]));
  const values = new Map(keys.map((k) => [k, new Array<number>(labels.length).fill(0)]));
  for (const p of points) {
    const row = values.get(kept.includes(p.key) ? p.key : othersKey)!;
    row[index.get(p.at)!]! += p.count;
  }
  return { labels, series: keys.map((key) => ({ key, values: values.get(key)! })) };
}

/** "11/28 13시" / "11/28": a bucket's label for the axis. */
export function bucketLabel(iso: string, bucket: 'hour' | 'day', lang: string): string {
  const d = new Date(iso);
  const day = `${d.getMonth() + 1}/${d.getDate()}`;
  if (bucket === 'day') return day;
  return lang === 'en' ? `${day} ${String(d.getHours()).padStart(2, '0')}:00` : `${day} ${d.getHours()}시`;
}
