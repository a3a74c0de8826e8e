// chart.js with only the pieces the pages draw (tree-shaken by esbuild), and one helper that
// replaces a canvas's chart when the data or the language changes.
// chart.js's package and type declarations are ESM (type: module). The root tsconfig checks ui/ as CommonJS (module node16),
// which reports TS1479 for this import although esbuild bundles it as ESM (that is what lets it
// tree-shake the controllers we do not use). The types still resolve; only that one check is off.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
  // @ts-expect-error TS1479: an ESM-only package imported from a file TS thinks is CommonJS.
} from 'chart.js';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = '"Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", system-ui, sans-serif';

/** Distinct, colour-blind-friendly series colours (Okabe–Ito). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999'];
export const colour = (i: number): string => PALETTE[i % PALETTE.length]!;

export type { Plugin };

const charts = new WeakMap<HTMLCanvasElement, Chart>();

/** Draws `config` on `canvas`, destroying the chart drawn there before. `summary` is its text alternative. */
export function drawChart<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>, summary: string): Chart<T> {
  charts.get(canvas)?.destroy();
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', summary);
  const chart = new Chart(canvas, config);
  charts.set(canvas, chart as unknown as Chart);
  return chart;
}
