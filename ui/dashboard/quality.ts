// The dashboard's quality figures (GET /metrics/dashboard `quality`): CSAT and deflection as KPIs,
// and resolution time, reopen rate and CSAT per period as a table.
import type { QualityFigures } from '../../handoff/dashboard-quality';
import { el, replace } from '../shared/dom';
import { formatSeconds, percent } from '../shared/format';
import type { Lang } from '../shared/i18n';
import { QUALITY_TEXT, type QualityKey } from './quality-text';
import { bucketLabel } from './series';

export interface QualityTargets {
  readonly csat: HTMLElement;
  readonly deflection: HTMLElement;
  readonly table: HTMLElement;
}

const rating = (value: number | null) => (value === null ? '—' : value.toFixed(2));

export function renderQuality(targets: QualityTargets, quality: QualityFigures, bucket: 'hour' | 'day', lang: Lang): void {
  const t = (key: QualityKey, params: Readonly<Record<string, string | number>> = {}) =>
    QUALITY_TEXT[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  const kpi = (target: HTMLElement, title: string, value: string, detail: string) =>
    replace(target, el('h2', {}, title), el('p', {}, el('strong', { className: 'kpi-value' }, value), el('span', { className: 'kpi-detail' }, detail)));

  kpi(targets.csat, t('csatKpi'), rating(quality.csat.average), t('csatDetail', { count: quality.csat.ratings }));
  const { deflection } = quality;
  kpi(
    targets.deflection,
    t('deflectionKpi'),
    percent(deflection.rate),
    t('deflectionDetail', { deflected: deflection.deflected, total: deflection.conversations, pending: deflection.pending }),
  );

  const heading = [el('h2', { id: 'h-quality' }, t('qualityTitle')), el('p', { className: 'muted' }, t('qualityNote'))];
  if (quality.series.length === 0) {
    replace(targets.table, ...heading, el('p', { className: 'muted' }, t('noQuality')));
    return;
  }
  const columns: QualityKey[] = ['period', 'resolved', 'medianResolution', 'reopenRate', 'ratings', 'averageRating'];
  const head = el('tr', {}, ...columns.map((k) => el('th', { scope: 'col' }, t(k))));
  const rows = quality.series.map((p) =>
    el(
      'tr',
      { 'data-period': p.at },
      el('th', { scope: 'row' }, bucketLabel(p.at, bucket, lang)),
      el('td', { className: 'num' }, p.resolved),
      el('td', { className: 'num' }, formatSeconds(p.medianResolutionSeconds)),
      el('td', { className: 'num' }, percent(p.reopenRate)),
      el('td', { className: 'num' }, p.ratings),
      el('td', { className: 'num' }, rating(p.averageRating)),
    ),
  );
  replace(targets.table, ...heading, el('div', { className: 'table-scroll' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows))));
}
