// The dashboard's honest ticket figures (GET /metrics/dashboard → tickets): the first-response
// KPI with the waits still running, the agents' first-response distribution against the 110 call
// centre's 4–9 minutes (the band is always shaded, even when no ticket falls in it), SLA per
// priority with the overdue tickets, and per-agent medians.
import type { TicketFigures } from '../../handoff/dashboard-figures';
import { drawChart, type Plugin } from '../shared/charts';
import { el, replace } from '../shared/dom';
import { formatSeconds, percent } from '../shared/format';
import type { I18n } from '../shared/i18n';
import { bandLabels, perBand } from './charts';
import type { DashboardKey } from './text';

type T = I18n<DashboardKey>;

/** "≥ 5.8 min" when the median is a wait still running: the true value is at least that. */
export function censoredSeconds(seconds: number | null, censored: boolean): string {
  const text = formatSeconds(seconds);
  return censored && seconds !== null ? `≥ ${text}` : text;
}

/** Shades the category `index` across the whole plot area, behind the bars. */
function shadeCategory(index: number, colour: string): Plugin<'bar'> {
  return {
    id: 'call-centre-band',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x;
      if (!x || index < 0) return;
      const width = x.width / x.ticks.length;
      const centre = x.getPixelForValue(index);
      const { top, bottom } = chart.chartArea;
      chart.ctx.save();
      chart.ctx.fillStyle = colour;
      chart.ctx.fillRect(centre - width / 2, top, width, bottom - top);
      chart.ctx.restore();
    },
  };
}

export function drawAgentResponse(canvas: HTMLCanvasElement, figures: TicketFigures, bands: readonly string[], callCentreBand: string, i18n: T): void {
  const band = bands.indexOf(callCentreBand);
  const { answered, waiting } = figures.firstResponse.bands;
  drawChart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: bandLabels(bands, callCentreBand, i18n),
        datasets: [
          { label: i18n.t('answered'), data: [...answered], backgroundColor: '#E69F00', stack: 'tickets' },
          // Waits so far: hatched-looking outline, so nobody reads them as answers.
          {
            label: i18n.t('waitingSoFar'),
            data: [...waiting],
            backgroundColor: 'rgba(213, 94, 0, 0.25)',
            borderColor: '#D55E00',
            borderWidth: 2,
            stack: 'tickets',
          },
        ],
      },
      options: {
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: i18n.t('count') } } },
        plugins: { legend: { position: 'bottom' } },
      },
      plugins: [shadeCategory(band, 'rgba(0, 158, 115, 0.18)')],
    },
    i18n.t('chartSummary', {
      title: i18n.t('agentResponse'),
      detail: `${perBand(i18n.t('answered'), bands, answered)}; ${perBand(i18n.t('waitingSoFar'), bands, waiting)}`,
    }),
  );
}

export function firstResponseKpi(figures: TicketFigures, i18n: T): { value: string; detail: string } {
  const f = figures.firstResponse;
  return {
    value: censoredSeconds(f.medianSeconds, f.medianCensored),
    detail: i18n.t('firstResponseDetail', { answered: f.answered, waiting: f.waiting, answeredOnly: formatSeconds(f.answeredMedianSeconds) }),
  };
}

export function renderPriorities(target: HTMLElement, figures: TicketFigures, i18n: T, priorityLabel: (p: string) => string): void {
  const head = el('tr', {}, ...(['priority', 'sla', 'slaCounts', 'oldestWait', 'overdue'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))));
  const rows = figures.priorities.map((p) =>
    el(
      'tr',
      { 'data-priority': p.priority },
      el('th', { scope: 'row' }, priorityLabel(p.priority)),
      el('td', { className: 'num' }, percent(p.compliance)),
      el('td', {}, i18n.t('slaDetail', { met: p.met, missed: p.missed, pending: p.pending })),
      el('td', { className: 'num' }, formatSeconds(p.oldestWaitSeconds)),
      el(
        'td',
        { className: 'overdue-list' },
        p.overdue.length === 0
          ? '—'
          : el('ul', {}, ...p.overdue.map((o) => el('li', { 'data-ticket-id': o.id }, `#${o.id.slice(0, 8)} · ${formatSeconds(o.waitSeconds)}`))),
      ),
    ),
  );
  replace(target, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
}

export function renderAgents(target: HTMLElement, figures: TicketFigures, i18n: T): void {
  if (figures.agents.length === 0) {
    replace(target, el('p', { className: 'muted' }, i18n.t('noData')));
    return;
  }
  const head = el(
    'tr',
    {},
    ...(['agent', 'handled', 'medianFirstResponse', 'medianResolution', 'csat'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))),
  );
  const rows = figures.agents.map((a) =>
    el(
      'tr',
      { 'data-agent': a.id },
      el('th', { scope: 'row' }, a.name),
      el('td', { className: 'num' }, a.handled),
      el('td', { className: 'num' }, formatSeconds(a.medianFirstResponseSeconds)),
      el('td', { className: 'num' }, formatSeconds(a.medianResolutionSeconds)),
      el('td', { className: 'num', 'data-csat': a.averageRating ?? '' }, a.averageRating === null ? '—' : `${a.averageRating.toFixed(2)} (${a.ratings})`),
    ),
  );
  replace(target, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
}
