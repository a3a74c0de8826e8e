// The dashboard's surge list: open surges with their count, rate against baseline and whether a
// pinned answer is live, above the KPIs. The figures come from GET /api/v1/surges?status=open.
import type { Api } from '../shared/api';
import { byId, el, replace } from '../shared/dom';
import type { Lang } from '../shared/i18n';
import type { SurgeJson } from '../console/surge-panel';

const WORDS = {
  ko: {
    title: '급증 이슈',
    none: '지금 급증한 문의가 없어요.',
    pinned: '고정 답변 중',
    notPinned: '고정 답변 없음',
    rate: '분당 {rate}건 (평소 {baseline})',
    count: '{count}건',
  },
  en: {
    title: 'Surges',
    none: 'No surge right now.',
    pinned: 'Pinned answer live',
    notPinned: 'No pinned answer',
    rate: '{rate}/min (usually {baseline})',
    count: '{count} messages',
  },
} as const;

export interface SurgeList {
  load(): Promise<void>;
  render(): void;
}

export function mountSurgeList(api: Api, lang: () => Lang): SurgeList {
  const root = el('section', { id: 'surges', className: 'panel surges', 'aria-live': 'polite' });
  byId('app').prepend(root);
  let surges: readonly SurgeJson[] = [];
  const fill = (text: string, params: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_w, k: string) => String(params[k]));

  const render = () => {
    const w = WORDS[lang()];
    const items = surges.map((s) =>
      el(
        'li',
        { className: 'surge', 'data-surge': s.id },
        el('strong', { className: 'surge-label' }, s.label),
        ' ',
        fill(w.count, { count: s.count }),
        ' · ',
        fill(w.rate, { rate: s.ratePerMin.toFixed(1), baseline: s.baselinePerMin.toFixed(1) }),
        ' · ',
        s.pinnedAnswer ? w.pinned : w.notPinned,
      ),
    );
    replace(root, el('h2', {}, w.title), items.length ? el('ul', { className: 'surge-list' }, ...items) : el('p', { className: 'muted' }, w.none));
  };

  return {
    async load() {
      surges = (await api.get<{ surges: SurgeJson[] }>('/surges?status=open')).surges;
      render();
    },
    render,
  };
}
