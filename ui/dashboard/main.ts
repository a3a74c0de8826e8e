// The operations dashboard: volumes, first-response times against the 110 call centre's 4–9
// minutes, auto-answer rate, handoff reasons and SLA compliance, for trainers and admins.
import type { HandoffMetrics } from '../../handoff/metrics-repository';
import type { DashboardBody } from '../../handoff/dashboard-figures';
import { CONSOLE_TEXT, dynamicKey } from '../console/text';
import type { FreshnessReport } from '../../freshness/report';
import { byId, el, replace } from '../shared/dom';
import { renderFreshness } from '../shared/freshness-view';
import { formatSeconds, percent } from '../shared/format';
import { bootSignedInPage } from '../shared/page-boot';
import { drawFirstResponse, drawReasons, drawVolumes } from './charts';
import { DASHBOARD_TEXT } from './text';
import { mountSurgeList } from './surge-list';
import { renderQuality } from './quality';
import type { QualityFigures } from '../../handoff/dashboard-quality';
import { drawAgentResponse, firstResponseKpi, renderAgents, renderPriorities } from './ticket-figures';

const RANGES = { '1': { days: 1, bucket: 'hour' }, '7': { days: 7, bucket: 'day' }, '30': { days: 30, bucket: 'day' } } as const;

async function start(): Promise<void> {
  const page = await bootSignedInPage(DASHBOARD_TEXT, 'trainer', 'dashboard');
  if (!page) return;
  const { i18n, api, status } = page;
  const surgeList = mountSurgeList(api, () => i18n.lang());

  // Reason and status names are the console's words: one dictionary for both pages.
  const consoleLabel = (prefix: 'reason' | 'status' | 'priority', value: string) => {
    const key = dynamicKey(prefix, value);
    return key ? CONSOLE_TEXT[i18n.lang()][key] : value;
  };
  const reasonLabel = (reason: string) => consoleLabel('reason', reason);
  const range = byId<HTMLSelectElement>('range');
  let data: { metrics: HandoffMetrics; numbers: DashboardBody & { quality: QualityFigures }; freshness: FreshnessReport } | undefined;

  const kpi = (id: string, value: string, detail: string) =>
    replace(byId(id), el('strong', { className: 'kpi-value' }, value), el('span', { className: 'kpi-detail' }, detail));

  const responseTable = (metrics: HandoffMetrics) => {
    const rows: HTMLTableRowElement[] = [];
    for (const who of ['bot', 'human'] as const) {
      for (const [channel, t] of Object.entries(metrics.firstResponse[who])) {
        rows.push(
          el(
            'tr',
            {},
            el('td', {}, channel),
            el('td', {}, i18n.t(who)),
            el('td', { className: 'num' }, t.count),
            el('td', { className: 'num' }, formatSeconds(t.p50Seconds)),
            el('td', { className: 'num' }, formatSeconds(t.p90Seconds)),
            el('td', { className: 'num' }, formatSeconds(t.avgSeconds)),
          ),
        );
      }
    }
    const head = el('tr', {}, ...(['channel', 'who', 'count', 'median', 'p90', 'average'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))));
    replace(
      byId('response-table'),
      rows.length === 0 ? el('p', { className: 'muted' }, i18n.t('noData')) : el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)),
    );
  };

  const render = () => {
    if (!data) return;
    const { metrics, numbers } = data;
    kpi(
      'kpi-auto',
      percent(metrics.autoAnswer.rate),
      i18n.t('autoAnswerDetail', { auto: metrics.autoAnswer.autoAnswered, total: metrics.autoAnswer.decisions }),
    );
    kpi('kpi-sla', percent(metrics.sla.compliance), i18n.t('slaDetail', { met: metrics.sla.met, missed: metrics.sla.missed, pending: metrics.sla.pending }));
    kpi(
      'kpi-tickets',
      String(Object.values(metrics.tickets).reduce((a, b) => a + b, 0)),
      Object.entries(metrics.tickets)
        .map(([s, n]) => `${consoleLabel('status', s)} ${n}`)
        .join(' · '),
    );
    drawVolumes(byId<HTMLCanvasElement>('chart-channel'), numbers, 'byChannel', i18n);
    drawVolumes(byId<HTMLCanvasElement>('chart-intent'), numbers, 'byIntent', i18n);
    const honest = firstResponseKpi(numbers.tickets, i18n);
    kpi('kpi-first-response', honest.value, honest.detail);
    drawAgentResponse(
      byId<HTMLCanvasElement>('chart-agent-response'),
      numbers.tickets,
      numbers.firstResponse.bands,
      numbers.firstResponse.callCentreBand,
      i18n,
    );
    renderPriorities(byId('priority-table'), numbers.tickets, i18n, (p) => consoleLabel('priority', p));
    renderAgents(byId('agent-table'), numbers.tickets, i18n);
    renderQuality({ csat: byId('kpi-csat'), deflection: byId('kpi-deflection'), table: byId('quality') }, numbers.quality, numbers.bucket, i18n.lang());
    drawFirstResponse(byId<HTMLCanvasElement>('chart-response'), numbers, i18n);
    drawReasons(byId<HTMLCanvasElement>('chart-reasons'), metrics, i18n, reasonLabel);
    responseTable(metrics);
    renderFreshness(byId('freshness'), data.freshness, i18n.lang());
    byId('app').dataset.loaded = 'true';
  };

  const load = async () => {
    const chosen = RANGES[range.value as keyof typeof RANGES] ?? RANGES['7'];
    const since = new Date(Date.now() - chosen.days * 86_400_000).toISOString();
    try {
      const [metrics, numbers, freshness] = await Promise.all([
        api.get<HandoffMetrics>(`/metrics/handoffs?since=${encodeURIComponent(since)}`),
        api.get<DashboardBody & { quality: QualityFigures }>(`/metrics/dashboard?since=${encodeURIComponent(since)}&bucket=${chosen.bucket}`),
        api.get<FreshnessReport>('/freshness'),
      ]);
      data = { metrics, numbers, freshness };
      render();
      await surgeList.load();
    } catch (error) {
      status.failure(error);
    }
  };

  range.addEventListener('change', () => void load());
  byId('refresh').addEventListener('click', () => void load());
  i18n.onChange(render);
  i18n.onChange(() => surgeList.render());
  await load();
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch((error) => {
    const region = document.getElementById('status');
    if (region) region.textContent = String((error as Error).message ?? error);
  });
});
