// The queue: the server's views (mine, unassigned, all open, overdue, snoozed, resolved) with
// their counts, a search box (redacted text, contact, intent, ticket id), two sort orders, and
// rows with the priority and overdue badges, the time left ticking, the subject (the message that
// escalated) and the latest message as a preview. j/k move the selection.
import { QUEUE_VIEWS, type QueueView as ViewName } from '../../handoff/queue-views';
import { el, replace } from '../shared/dom';
import { formatDateTime, formatTimeLeft } from '../shared/format';
import type { I18n } from '../shared/i18n';
import { isOverdueNow, orderQueue, type QueueSort } from './queue-order';
import type { ConsoleKey } from './text';
import { label } from './triage-card-view';
import type { QueueTicket, ViewAnswer, ViewTicket } from './types';

export interface QueueView {
  /** Reads the current view and search again (coalesced: many live events, one request). */
  reload(): Promise<void>;
  get(id: string): ViewTicket | undefined;
  selected(): ViewTicket | undefined;
  select(id: string | undefined): void;
  /** Moves the selection by `step` in queue order (j = +1, k = -1). */
  move(step: number): void;
  render(): void;
}

/**
 * The citizen message that brought the ticket to a person: the last citizen line on the card,
 * which is built from the transcript up to the escalating message.
 */
export function subject(ticket: QueueTicket): string {
  const lines = ticket.card?.transcript ?? [];
  const line = [...lines].reverse().find((l) => l.author === 'citizen') ?? lines.at(-1);
  return line?.text ?? ticket.conversationId;
}

export interface QueueElements {
  readonly list: HTMLElement;
  readonly views: HTMLElement;
  readonly sort: HTMLSelectElement;
}

export interface QueueDeps {
  readonly i18n: I18n<ConsoleKey>;
  readonly me: () => string;
  readonly load: (view: ViewName, search: string) => Promise<ViewAnswer>;
  readonly onSelect: (ticket: ViewTicket | undefined) => void;
  readonly onError: (error: unknown) => void;
}

export function createQueueView(parts: QueueElements, deps: QueueDeps): QueueView {
  const { list } = parts;
  const { i18n } = deps;
  const search = el('input', { type: 'search', id: 'queue-search', maxlength: 200, autocomplete: 'off' });
  const searchLabel = el('label', { className: 'queue-search', for: search.id }, el('span', { className: 'visually-hidden' }, ''), search);
  parts.views.before(searchLabel);
  const labelSearch = () => {
    searchLabel.firstElementChild!.textContent = i18n.t('search');
    search.placeholder = i18n.t('searchPlaceholder');
  };
  labelSearch();
  let answer: ViewAnswer | undefined;
  let selectedId: string | undefined;
  let view: ViewName = 'open';
  let pending: Promise<void> | undefined;
  let again = false;

  const visible = () => (view === 'resolved' ? [...(answer?.tickets ?? [])] : orderQueue(answer?.tickets ?? [], parts.sort.value as QueueSort));

  const owner = (t: QueueTicket) =>
    t.assignee === null ? i18n.t('unassigned') : t.assignee === deps.me() ? i18n.t('assignedToMe') : i18n.t('assignedToOther');

  const preview = (t: ViewTicket) =>
    t.latest
      ? el(
          'span',
          { className: 'preview' },
          el('span', { className: 'preview-author' }, `${label(i18n, 'author', t.latest.author)}: `),
          el('span', { 'data-content': '' }, t.latest.text),
        )
      : null;

  const item = (t: ViewTicket) => {
    const overdue = isOverdueNow(t, new Date());
    const snoozed = t.snoozedUntil && new Date(t.snoozedUntil).getTime() > Date.now();
    const button = el(
      'button',
      {
        type: 'button',
        className: `ticket${t.priority === 'urgent' ? ' is-urgent' : ''}`,
        'data-ticket-id': t.id,
        'aria-current': t.id === selectedId ? 'true' : null,
      },
      el(
        'span',
        { className: 'badges' },
        priorityBadge(i18n, t.priority),
        overdue ? overdueBadge(i18n) : null,
        snoozed ? el('span', { className: 'snoozed-badge' }, `💤 ${formatDateTime(t.snoozedUntil, i18n.lang())}`) : null,
        el('span', { className: 'channel' }, t.channel),
      ),
      el(
        'span',
        { className: 'time-left', 'data-deadline': t.firstResponseAt || !isOpen(t) ? '' : (t.slaDeadline ?? ''), 'aria-label': i18n.t('timeLeft') },
        t.firstResponseAt || !isOpen(t) ? '' : formatTimeLeft(t.slaDeadline, new Date()),
      ),
      el('span', { className: 'subject', title: subject(t), 'data-content': '' }, subject(t)),
      preview(t),
      el('span', { className: 'owner' }, `${label(i18n, 'status', t.status)} · ${owner(t)}`),
    );
    button.addEventListener('click', () => api.select(t.id));
    return el('li', {}, button);
  };

  const renderViews = () => {
    replace(
      parts.views,
      ...QUEUE_VIEWS.map((v) => {
        const tab = el(
          'button',
          { type: 'button', className: 'view-tab', 'data-view': v, 'aria-pressed': v === view ? 'true' : 'false' },
          i18n.t(`view.${v}`),
          ' ',
          el('span', { className: 'count' }, answer?.counts[v] ?? '–'),
        );
        tab.addEventListener('click', () => {
          view = v;
          void api.reload();
        });
        return tab;
      }),
    );
  };

  const tick = () => {
    const now = new Date();
    for (const span of Array.from(list.querySelectorAll<HTMLElement>('.time-left'))) {
      const deadline = span.dataset.deadline || null;
      if (!deadline) continue;
      span.textContent = formatTimeLeft(deadline, now);
      span.classList.toggle('late', new Date(deadline).getTime() < now.getTime());
    }
  };
  window.setInterval(tick, 1000);
  parts.sort.addEventListener('change', () => api.render());
  let typing: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => void api.reload(), 250);
  });

  const fetchNow = async () => {
    const wanted = view;
    const next = await deps.load(wanted, search.value.trim());
    if (wanted !== view) return;
    answer = next;
    if (selectedId && !answer.tickets.some((t) => t.id === selectedId)) selectedId = undefined;
    api.render();
  };

  const api: QueueView = {
    reload() {
      if (pending) {
        again = true;
        return pending;
      }
      pending = (async () => {
        try {
          do {
            again = false;
            await fetchNow();
          } while (again);
        } catch (error) {
          deps.onError(error);
        } finally {
          pending = undefined;
        }
      })();
      return pending;
    },
    get: (id) => answer?.tickets.find((t) => t.id === id),
    selected: () => (selectedId ? api.get(selectedId) : undefined),
    select(id) {
      selectedId = id && api.get(id) ? id : undefined;
      api.render();
      list.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
      deps.onSelect(api.selected());
    },
    move(step) {
      const order = visible();
      if (order.length === 0) return;
      const at = order.findIndex((t) => t.id === selectedId);
      const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
      api.select(order[next]!.id);
    },
    render() {
      labelSearch();
      renderViews();
      const order = visible();
      if (order.length === 0) replace(list, el('li', { className: 'muted' }, i18n.t(search.value.trim() ? 'noMatches' : 'queueEmpty')));
      else replace(list, ...order.map(item));
      tick();
    },
  };
  return api;
}

const isOpen = (t: QueueTicket) => t.status === 'waiting' || t.status === 'assigned';

/** Priority as a badge; urgent's look (filled red with a siren) is used for nothing else. */
export function priorityBadge(i18n: I18n<ConsoleKey>, priority: string): HTMLElement {
  return el(
    'span',
    { className: `priority priority-${priority}`, 'data-priority': priority },
    priority === 'urgent' ? '🚨 ' : '',
    label(i18n, 'priority', priority),
  );
}

export function overdueBadge(i18n: I18n<ConsoleKey>): HTMLElement {
  return el('span', { className: 'overdue-badge', 'data-overdue': 'true' }, '⏰ ', i18n.t('overdue'));
}
