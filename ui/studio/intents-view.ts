// The intents list: example counts and health (precision/recall from the last evaluation).
import { el, replace } from '../shared/dom';
import { percent } from '../shared/format';
import type { StudioContext } from './context';

/** Below this F1 an intent is flagged for attention. */
const WEAK_F1 = 0.8;

export function renderIntents(ctx: StudioContext, root: HTMLElement, onSelect: (id: string) => void): void {
  const { i18n, data } = ctx;
  const scores = new Map((data.health?.evaluation.perIntent ?? []).map((s) => [s.label, s]));
  const head = el(
    'tr',
    {},
    ...(['intent', 'name', 'policy', 'examplesKo', 'examplesEn', 'precision', 'recall', 'f1'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))),
  );
  const rows = data.intents.map((intent) => {
    const s = scores.get(intent.id);
    const open = el('button', { type: 'button', className: 'linklike', 'data-intent': intent.id }, intent.id);
    open.addEventListener('click', () => onSelect(intent.id));
    return el(
      'tr',
      { className: s && s.f1 < WEAK_F1 ? 'weak' : null },
      el('td', {}, open),
      el('td', {}, intent.name[i18n.lang()]),
      el('td', {}, intent.policy),
      el('td', { className: 'num' }, intent.examples.ko),
      el('td', { className: 'num' }, intent.examples.en),
      el('td', { className: 'num' }, percent(s?.precision)),
      el('td', { className: 'num' }, percent(s?.recall)),
      el('td', { className: 'num' }, percent(s?.f1)),
    );
  });
  replace(
    root,
    el('p', { className: 'muted' }, data.health ? `${i18n.t('evaluation')}: ${data.health.version}` : i18n.t('noEvaluation')),
    el('table', { id: 'intents-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
  );
}
