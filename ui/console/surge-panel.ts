// The console's surge panel: open surges with their figures, each one's group of waiting tickets
// (count, a sample, a reply to the whole group), and for supervisors the pinned answer (write,
// edit, withdraw) and the broadcast to everyone waiting, with the count on the button. Citizen
// text is shown as text only (ui/shared/dom).
import type { Api } from '../shared/api';
import { el, replace } from '../shared/dom';
import type { I18n } from '../shared/i18n';
import type { SurgeKey } from './surge-text';

export interface SurgeJson {
  readonly id: string;
  readonly kind: 'topic' | 'intent' | 'region';
  readonly label: string;
  readonly count: number;
  readonly ratePerMin: number;
  readonly baselinePerMin: number;
  readonly channels: Readonly<Record<string, number>>;
  readonly regions: Readonly<Record<string, number>>;
  readonly pinnedAnswer: {
    readonly text: { readonly ko: string; readonly en: string };
    readonly links: readonly { url: string }[];
    readonly expiresAt: string;
  } | null;
}

interface Group {
  readonly count: number;
  readonly tickets: readonly { readonly id: string; readonly priority: string; readonly text: string }[];
}

export interface SurgePanel {
  reload(): Promise<void>;
  render(): void;
}

const SAMPLE = 3;
const KIND: Record<SurgeJson['kind'], SurgeKey> = { topic: 'kindTopic', intent: 'kindIntent', region: 'kindRegion' };

export function createSurgePanel(deps: {
  readonly root: HTMLElement;
  readonly api: Api;
  readonly i18n: Pick<I18n<SurgeKey>, 't' | 'lang'>;
  readonly supervisor: boolean;
  readonly report: (text: string) => void;
  readonly failure: (error: unknown) => void;
}): SurgePanel {
  const { root, api, i18n } = deps;
  let surges: readonly SurgeJson[] = [];
  const groups = new Map<string, Group>();

  const act = (work: () => Promise<string>) => () =>
    void work()
      .then((message) => {
        deps.report(message);
        return reload();
      })
      .catch(deps.failure);

  function pinForm(surge: SurgeJson): HTMLElement {
    const ko = el('textarea', { rows: 2, required: true, 'aria-label': i18n.t('answerKo') });
    const en = el('textarea', { rows: 2, required: true, 'aria-label': i18n.t('answerEn') });
    const links = el('textarea', { rows: 1, placeholder: i18n.t('linksHint'), 'aria-label': i18n.t('links') });
    const hours = el('input', { type: 'number', min: 1, max: 72, value: 6, 'aria-label': i18n.t('hours') });
    if (surge.pinnedAnswer) {
      ko.value = surge.pinnedAnswer.text.ko;
      en.value = surge.pinnedAnswer.text.en;
      links.value = surge.pinnedAnswer.links.map((l) => l.url).join('\n');
    }
    const form = el(
      'form',
      { className: 'surge-pin' },
      el('label', {}, i18n.t('answerKo'), ko),
      el('label', {}, i18n.t('answerEn'), en),
      el('label', {}, i18n.t('links'), links),
      el('label', {}, i18n.t('hours'), hours),
      el('button', { type: 'submit' }, i18n.t('pin')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      act(async () => {
        await api.post(`/surges/${surge.id}/pinned-answer`, {
          text: { ko: ko.value, en: en.value },
          links: links.value.split(/\s+/).filter(Boolean),
          expiresAt: new Date(Date.now() + Number(hours.value) * 3_600_000).toISOString(),
        });
        return i18n.t('pinnedDone');
      })();
    });
    return el('details', { className: 'surge-pin-box' }, el('summary', {}, i18n.t('pinTitle')), form);
  }

  function groupView(surge: SurgeJson): HTMLElement {
    const group = groups.get(surge.id);
    if (!group || group.count === 0) return el('p', { className: 'muted' }, i18n.t('groupEmpty'));
    const text = el('textarea', { rows: 2, 'aria-label': i18n.t('replyGroup') });
    const reply = el('form', { className: 'inline-form' }, text, el('button', { type: 'submit' }, i18n.t('replyGroupButton', { count: group.count })));
    reply.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!text.value.trim()) return;
      act(async () => i18n.t('replied', { count: (await api.post<{ count: number }>(`/surges/${surge.id}/reply`, { text: text.value })).count }))();
    });
    return el(
      'div',
      { className: 'surge-group' },
      el('strong', {}, i18n.t('group', { count: group.count })),
      el('ul', { className: 'surge-samples' }, ...group.tickets.slice(0, SAMPLE).map((t) => el('li', {}, t.text))),
      reply,
    );
  }

  function card(surge: SurgeJson): HTMLElement {
    const tally = (record: Readonly<Record<string, number>>) =>
      Object.entries(record)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || '—';
    const pinned = surge.pinnedAnswer;
    const lang = i18n.lang();
    const controls: HTMLElement[] = [];
    if (deps.supervisor) {
      controls.push(pinForm(surge));
      if (pinned) {
        const withdraw = el('button', { type: 'button' }, i18n.t('withdraw'));
        withdraw.addEventListener(
          'click',
          act(async () => (await api.del(`/surges/${surge.id}/pinned-answer`), i18n.t('withdrawn'))),
        );
        const count = groups.get(surge.id)?.count ?? 0;
        const broadcast = el('button', { type: 'button', className: 'primary', disabled: count === 0 }, i18n.t('broadcast', { count }));
        broadcast.addEventListener(
          'click',
          act(async () => i18n.t('broadcastDone', { count: (await api.post<{ count: number }>(`/surges/${surge.id}/broadcast`)).count })),
        );
        controls.push(el('div', { className: 'action-bar' }, broadcast, withdraw));
      }
    }
    return el(
      'article',
      { className: 'surge', 'data-surge': surge.id },
      el(
        'header',
        {},
        el('span', { className: 'surge-kind' }, i18n.t(KIND[surge.kind])),
        ' ',
        el('strong', { className: 'surge-label' }, surge.label),
        ' ',
        el('span', { className: 'surge-count' }, i18n.t('count', { count: surge.count })),
      ),
      el(
        'p',
        { className: 'muted' },
        i18n.t('rate', { rate: surge.ratePerMin.toFixed(1), baseline: surge.baselinePerMin.toFixed(1) }),
        ' · ',
        `${i18n.t('channels')}: ${tally(surge.channels)}`,
        ' · ',
        `${i18n.t('regions')}: ${tally(surge.regions)}`,
      ),
      pinned
        ? el(
            'p',
            { className: 'surge-pinned' },
            el('strong', {}, `${i18n.t('pinned')} `),
            `(${i18n.t('pinnedUntil', { time: new Date(pinned.expiresAt).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB') })}) `,
            pinned.text[lang],
          )
        : el('p', { className: 'muted' }, i18n.t('notPinned')),
      groupView(surge),
      ...controls,
    );
  }

  function render(): void {
    replace(
      root,
      el('h2', {}, i18n.t('title')),
      surges.length === 0 ? el('p', { className: 'muted' }, i18n.t('none')) : el('div', { className: 'surge-list' }, ...surges.map(card)),
    );
  }

  async function reload(): Promise<void> {
    surges = (await api.get<{ surges: SurgeJson[] }>('/surges?status=open')).surges;
    const loaded = await Promise.all(surges.map((s) => api.get<Group>(`/surges/${s.id}/tickets`)));
    groups.clear();
    surges.forEach((s, i) => groups.set(s.id, loaded[i]!));
    render();
  }

  return { reload, render };
}
