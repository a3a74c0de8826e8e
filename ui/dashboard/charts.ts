// The dashboard's charts, drawn by chart.js from the metrics API's numbers.
import type { HandoffMetrics } from '../../handoff/metrics-repository';
import type { DashboardNumbers } from '../../handoff/dashboard-repository';
import { colour, drawChart } from '../shared/charts';
import type { I18n } from '../shared/i18n';
import { bucketLabel, pivotSeries } from './series';
import type { DashboardKey } from './text';

type T = I18n<DashboardKey>;

const MAX_SERIES = 8;

/** The response bands as a chart's labels, the call centre's band marked. */
export const bandLabels = (bands: readonly string[], callCentreBand: string, i18n: T): string[] =>
  bands.map((b) => (b === callCentreBand ? `${b} (${i18n.t('band')})` : b));

/** "label: band count, band count…" for a chart's text summary. */
export const perBand = (label: string, bands: readonly string[], counts: readonly number[]): string =>
  `${label}: ${bands.map((b, i) => `${b} ${counts[i]}`).join(', ')}`;

export function drawVolumes(canvas: HTMLCanvasElement, numbers: DashboardNumbers, by: 'byChannel' | 'byIntent', i18n: T): void {
  const { labels, series } = pivotSeries(numbers[by], MAX_SERIES, i18n.t('others'));
  const title = i18n.t(by);
  const stacked = by === 'byIntent';
  drawChart(
    canvas,
    {
      type: stacked ? 'bar' : 'line',
      data: {
        labels: labels.map((l) => bucketLabel(l, numbers.bucket, i18n.lang())),
        datasets: series.map((s, i) => ({ label: s.key, data: [...s.values], borderColor: colour(i), backgroundColor: colour(i), tension: 0.2 })),
      },
      options: {
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, title: { display: true, text: i18n.t('messages') } } },
        plugins: { legend: { position: 'bottom' } },
      },
    },
    i18n.t('chartSummary', { title, detail: series.map((s) => `${s.key} ${s.values.reduce((a, b) => a + b, 0)}`).join(', ') || i18n.t('noData') }),
  );
}

export function drawFirstResponse(canvas: HTMLCanvasElement, numbers: DashboardNumbers, i18n: T): void {
  const { bands, bot, human, callCentreBand } = numbers.firstResponse;
  const band = bands.indexOf(callCentreBand);
  // The call centre's band is drawn darker in both series, so the eye finds it at once.
  const shade = (base: string, strong: string) => bands.map((_, i) => (i === band ? strong : base));
  drawChart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: bandLabels(bands, callCentreBand, i18n),
        datasets: [
          { label: i18n.t('bot'), data: [...bot], backgroundColor: shade('#56B4E9', '#0072B2') },
          { label: i18n.t('human'), data: [...human], backgroundColor: shade('#F0C36B', '#E69F00') },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: i18n.t('count') } } }, plugins: { legend: { position: 'bottom' } } },
    },
    i18n.t('chartSummary', {
      title: i18n.t('firstResponse'),
      detail: `${perBand(i18n.t('bot'), bands, bot)}; ${perBand(i18n.t('human'), bands, human)}`,
    }),
  );
}

export function drawReasons(canvas: HTMLCanvasElement, metrics: HandoffMetrics, i18n: T, reasonLabel: (reason: string) => string): void {
  const entries = Object.entries(metrics.reasons).sort((a, b) => b[1] - a[1]);
  drawChart(
    canvas,
    {
      type: 'doughnut',
      data: {
        labels: entries.map(([r]) => reasonLabel(r)),
        datasets: [{ data: entries.map(([, n]) => n), backgroundColor: entries.map((_, i) => colour(i)) }],
      },
      options: { plugins: { legend: { position: 'right' } } },
    },
    i18n.t('chartSummary', { title: i18n.t('reasons'), detail: entries.map(([r, n]) => `${reasonLabel(r)} ${n}`).join(', ') || i18n.t('noData') }),
  );
}
