// A model version's evaluation: headline numbers, the confusion heatmap, the per-intent table and
// the two charts. Everything here comes from GET /models/:version/evaluation.
import { DEFAULT_POLICY } from '../../bot/policy';
import { el, replace } from '../shared/dom';
import { percent } from '../shared/format';
import { modelPath, type StudioContext } from './context';
import { drawCalibration, drawCurve } from './evaluation-charts';
import type { EvaluationAnswer, TrainerEvaluation } from './types';

/** Heat classes heat-0 … heat-5 (CSS), so no inline style is needed under the CSP. */
const HEAT_LEVELS = 5;

function headline(ctx: StudioContext, e: TrainerEvaluation): HTMLElement {
  const { i18n } = ctx;
  const item = (key: Parameters<typeof i18n.t>[0], value: string, id: string) => [el('dt', {}, i18n.t(key)), el('dd', { id }, value)];
  return el(
    'dl',
    { className: 'facts headline' },
    ...item('accuracy', percent(e.accuracy), 'eval-accuracy'),
    ...item('macroF1', percent(e.macroF1), 'eval-macro-f1'),
    ...item('autoPrecision', percent(e.autoAnswer.precision), 'eval-auto-precision'),
    ...item('faqCoverage', percent(e.autoAnswer.faqCoverage), 'eval-coverage'),
    ...item('emergencyRecall', percent(e.emergencyRecall), 'eval-emergency'),
    ...item('ece', e.calibration.ece.toFixed(3), 'eval-ece'),
  );
}

export function confusionHeatmap(ctx: StudioContext, e: TrainerEvaluation): HTMLElement {
  const { i18n } = ctx;
  if (e.confusion.length === 0) return el('p', { className: 'muted' }, i18n.t('noConfusion'));
  const golds = [...new Set(e.confusion.map((c) => c.gold))].sort();
  const predicted = [...new Set(e.confusion.map((c) => c.predicted))].sort();
  const max = Math.max(...e.confusion.map((c) => c.count));
  const count = new Map(e.confusion.map((c) => [`${c.gold}\u0000${c.predicted}`, c.count]));
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, `${i18n.t('gold')} \\ ${i18n.t('predicted')}`),
    ...predicted.map((p) => el('th', { scope: 'col', className: 'rotate' }, p)),
  );
  const rows = golds.map((g) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, g),
      ...predicted.map((p) => {
        const n = count.get(`${g}\u0000${p}`) ?? 0;
        const level = n === 0 ? 0 : Math.max(1, Math.ceil((n / max) * HEAT_LEVELS));
        return el('td', { className: `num heat-${level}`, title: `${g} → ${p}: ${n}` }, n === 0 ? '' : n);
      }),
    ),
  );
  return el('table', { className: 'heatmap', id: 'confusion' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function perIntentTable(ctx: StudioContext, e: TrainerEvaluation): HTMLElement {
  const { i18n } = ctx;
  const head = el('tr', {}, ...(['intent', 'precision', 'recall', 'f1', 'support'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))));
  const rows = [...e.perIntent]
    .sort((a, b) => a.f1 - b.f1)
    .map((s) =>
      el(
        'tr',
        {},
        el('td', {}, s.label),
        el('td', { className: 'num' }, percent(s.precision)),
        el('td', { className: 'num' }, percent(s.recall)),
        el('td', { className: 'num' }, percent(s.f1)),
        el('td', { className: 'num' }, s.support),
      ),
    );
  return el('table', { id: 'per-intent' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

export interface EvaluationView {
  show(version: string): Promise<void>;
  current(): EvaluationAnswer | undefined;
}

export function createEvaluationView(ctx: StudioContext, root: HTMLElement): EvaluationView {
  const { i18n, api, status } = ctx;
  let shown: EvaluationAnswer | undefined;

  const render = () => {
    if (!shown) return;
    const e = shown.evaluation;
    const curve = el('canvas', { id: 'chart-curve' });
    const calibration = el('canvas', { id: 'chart-calibration' });
    replace(
      root,
      el('h3', { id: 'evaluation-title' }, i18n.t('evaluationOf', { version: shown.version, folds: e.method.folds, examples: e.examples })),
      headline(ctx, e),
      el(
        'div',
        { className: 'chart-grid' },
        el('section', {}, el('h4', {}, i18n.t('curve')), el('div', { className: 'chart-box' }, curve)),
        el('section', {}, el('h4', {}, i18n.t('calibration')), el('div', { className: 'chart-box' }, calibration)),
      ),
      el('h4', {}, i18n.t('confusion')),
      el('div', { className: 'scroll' }, confusionHeatmap(ctx, e)),
      el('h4', {}, i18n.t('perIntent')),
      perIntentTable(ctx, e),
    );
    drawCurve(curve, e, DEFAULT_POLICY.autoAnswerThreshold, i18n);
    drawCalibration(calibration, e, i18n);
  };
  i18n.onChange(render);

  return {
    async show(version) {
      try {
        shown = await api.get<EvaluationAnswer>(modelPath(version, '/evaluation'));
        render();
      } catch (error) {
        status.failure(error);
      }
    },
    current: () => shown,
  };
}
