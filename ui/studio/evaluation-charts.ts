// The evaluation's two charts: the auto-answer curve with the live threshold marked, and the
// calibration (reliability) plot against the diagonal of perfect calibration.
import { colour, drawChart } from '../shared/charts';
import type { I18n } from '../shared/i18n';
import type { StudioKey } from './text';
import type { TrainerEvaluation } from './types';

type T = I18n<StudioKey>;

export function drawCurve(canvas: HTMLCanvasElement, evaluation: TrainerEvaluation, threshold: number, i18n: T): void {
  const points = [...evaluation.curve].sort((a, b) => a.threshold - b.threshold);
  const at = points.reduce(
    (best, p) => (Math.abs(p.threshold - threshold) < Math.abs(best.threshold - threshold) ? p : best),
    points[0] ?? { threshold, answered: 0, precision: 0 },
  );
  drawChart(
    canvas,
    {
      type: 'line',
      data: {
        datasets: [
          {
            label: i18n.t('answered'),
            data: points.map((p) => ({ x: p.threshold, y: p.answered })),
            borderColor: colour(0),
            backgroundColor: colour(0),
            pointRadius: 0,
          },
          {
            label: i18n.t('curvePrecision'),
            data: points.map((p) => ({ x: p.threshold, y: p.precision })),
            borderColor: colour(1),
            backgroundColor: colour(1),
            pointRadius: 0,
          },
          {
            label: i18n.t('chosen', { t: threshold }),
            data: [
              { x: threshold, y: 0 },
              { x: threshold, y: 1 },
            ],
            borderColor: colour(3),
            backgroundColor: colour(3),
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ],
      },
      options: {
        parsing: false,
        scales: {
          x: { type: 'linear', min: 0, max: 1, title: { display: true, text: i18n.t('threshold') } },
          y: { min: 0, max: 1 },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    },
    `${i18n.t('curve')}: ${i18n.t('chosen', { t: threshold })} → ${i18n.t('answered')} ${(at.answered * 100).toFixed(1)}%, ${i18n.t('curvePrecision')} ${(at.precision * 100).toFixed(1)}%`,
  );
}

export function drawCalibration(canvas: HTMLCanvasElement, evaluation: TrainerEvaluation, i18n: T): void {
  const bins = evaluation.calibration.bins.filter((b) => b.count > 0);
  drawChart(
    canvas,
    {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: i18n.t('observed'),
            data: bins.map((b) => ({ x: b.confidence, y: b.accuracy })),
            borderColor: colour(0),
            backgroundColor: colour(0),
            pointRadius: 5,
            showLine: true,
          },
          {
            label: i18n.t('ideal'),
            data: [
              { x: 0, y: 0 },
              { x: 1, y: 1 },
            ],
            borderColor: colour(8),
            backgroundColor: colour(8),
            borderDash: [4, 4],
            pointRadius: 0,
            showLine: true,
          },
        ],
      },
      options: {
        scales: {
          x: { type: 'linear', min: 0, max: 1, title: { display: true, text: i18n.t('confidence') } },
          y: { min: 0, max: 1, title: { display: true, text: i18n.t('observed') } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    },
    `${i18n.t('calibration')}: ECE ${evaluation.calibration.ece.toFixed(3)}; ${bins.map((b) => `${b.confidence.toFixed(2)}→${b.accuracy.toFixed(2)} (${b.count})`).join(', ')}`,
  );
}
