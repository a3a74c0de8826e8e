// The live queue: views (all open, mine, unassigned, overdue) with counts, two sort orders, tickets
// with their priority and overdue badges and the time left ticking, the selection that j/k moves.
import { el, replace } from '../shared/dom';
import { formatTimeLeft } from '../shared/format';
import type { I18n } from '../shared/i18n';
import { inView, isOverdueNow, LOCAL_VIEWS, orderQueue, viewCounts, type LocalView, type QueueSort } from './queue-order';
import type { ConsoleKey } from './text';
import { label } from './triage-card-view';
import type { QueueTicket } from './types';

export interface QueueView {
  /** Adds or replaces a ticket; returns true if it was new to this view. */
  upsert(ticket: QueueTicket): boolean;
  remove(id: string): void;
  has(id: string): boolean;
  get(id: string): QueueTicket | undefined;
  replaceAll(tickets: readonly QueueTicket[]): void;
  selected(): QueueTicket | undefined;
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

export function createQueueView(
  parts: QueueElements,
  i18n: I18n<ConsoleKey>,
  me: () => string,
  onSelect: (ticket: QueueTicket | undefined) => void,
): QueueView {
  const { list } = parts;
  const tickets = new Map<string, QueueTicket>();
  let selectedId: string | undefined;
  let view: LocalView = 'open';

  const visible = () =>
    orderQueue(
      [...tickets.values()].filter((t) => inView(t, view, me(), new Date())),
      parts.sort.value as QueueSort,
    );

  const owner = (t: QueueTicket) => (t.assignee === null ? i18n.t('unassigned') : t.assignee === me() ? i18n.t('assignedToMe') : i18n.t('assignedToOther'));

  const item = (t: QueueTicket) => {
    const overdue = isOverdueNow(t, new Date());
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
        el('span', { className: 'channel' }, t.channel),
      ),
      el(
        'span',
        { className: 'time-left', 'data-deadline': t.firstResponseAt ? '' : (t.slaDeadline ?? ''), 'aria-label': i18n.t('timeLeft') },
        t.firstResponseAt ? '' : formatTimeLeft(t.slaDeadline, new Date()),
      ),
      el('span', { className: 'subject', title: subject(t) }, subject(t)),
      el('span', { className: 'owner' }, `${label(i18n, 'status', t.status)} · ${owner(t)}`),
    );
    button.addEventListener('click', () => api.select(t.id));
    return el('li', {}, button);
  };

  const renderViews = () => {
    const counts = viewCounts([...tickets.values()], me(), new Date());
    replace(
      parts.views,
      ...LOCAL_VIEWS.map((v) => {
        const tab = el(
          'button',
          { type: 'button', className: 'view-tab', 'data-view': v, 'aria-pressed': v === view ? 'true' : 'false' },
          i18n.t(`view.${v}`),
          ' ',
          el('span', { className: 'count' }, counts[v]),
        );
        tab.addEventListener('click', () => {
          view = v;
          api.render();
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

  const api: QueueView = {
    upsert(ticket) {
      const isNew = !tickets.has(ticket.id);
      tickets.set(ticket.id, ticket);
      api.render();
      return isNew;
    },
    remove(id) {
      tickets.delete(id);
      if (selectedId === id) selectedId = undefined;
      api.render();
    },
    has: (id) => tickets.has(id),
    get: (id) => tickets.get(id),
    replaceAll(all) {
      tickets.clear();
      for (const t of all) tickets.set(t.id, t);
      api.render();
    },
    selected: () => (selectedId ? tickets.get(selectedId) : undefined),
    select(id) {
      selectedId = id && tickets.has(id) ? id : undefined;
      api.render();
      list.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
      onSelect(api.selected());
    },
    move(step) {
      const order = visible();
      if (order.length === 0) return;
      const at = order.findIndex((t) => t.id === selectedId);
      const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
      api.select(order[next]!.id);
    },
    render() {
      renderViews();
      const order = visible();
      if (order.length === 0) replace(list, el('li', { className: 'muted' }, i18n.t('queueEmpty')));
      else replace(list, ...order.map(item));
      tick();
    },
  };
  return api;
}

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
