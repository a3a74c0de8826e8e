// The live queue: tickets in priority/SLA order with the time left ticking, the selection that
// j/k moves, and a polite announcement when a ticket arrives.
import { el, replace } from '../shared/dom';
import { formatTimeLeft } from '../shared/format';
import type { I18n } from '../shared/i18n';
import { orderQueue } from './queue-order';
import type { ConsoleKey } from './text';
import { label } from './triage-card-view';
import type { QueueTicket } from './types';

export interface QueueView {
  /** Adds or replaces a ticket; returns true if it was new to this view. */
  upsert(ticket: QueueTicket): boolean;
  remove(id: string): void;
  has(id: string): boolean;
  replaceAll(tickets: readonly QueueTicket[]): void;
  selected(): QueueTicket | undefined;
  select(id: string | undefined): void;
  /** Moves the selection by `step` in queue order (j = +1, k = -1). */
  move(step: number): void;
  render(): void;
}

/** The first citizen line on the card: what the queue shows as the ticket's subject. */
function subject(ticket: QueueTicket): string {
  const line = ticket.card?.transcript.find((l) => l.author === 'citizen') ?? ticket.card?.transcript[0];
  return line?.text ?? ticket.conversationId;
}

export function createQueueView(
  list: HTMLElement,
  i18n: I18n<ConsoleKey>,
  me: () => string,
  onSelect: (ticket: QueueTicket | undefined) => void,
): QueueView {
  const tickets = new Map<string, QueueTicket>();
  let selectedId: string | undefined;

  const ordered = () => orderQueue(tickets.values());

  const owner = (t: QueueTicket) => (t.assignee === null ? i18n.t('unassigned') : t.assignee === me() ? i18n.t('assignedToMe') : i18n.t('assignedToOther'));

  const item = (t: QueueTicket) => {
    const button = el(
      'button',
      { type: 'button', className: 'ticket', 'data-ticket-id': t.id, 'aria-current': t.id === selectedId ? 'true' : null },
      el('span', { className: `priority priority-${t.priority}` }, label(i18n, 'priority', t.priority)),
      el('span', { className: 'channel' }, t.channel),
      el('span', { className: 'subject' }, subject(t)),
      el('span', { className: 'owner' }, `${label(i18n, 'status', t.status)} · ${owner(t)}`),
      el('span', { className: 'time-left', 'data-deadline': t.slaDeadline ?? '', 'aria-label': i18n.t('timeLeft') }, formatTimeLeft(t.slaDeadline, new Date())),
    );
    button.addEventListener('click', () => view.select(t.id));
    return el('li', {}, button);
  };

  const tick = () => {
    const now = new Date();
    for (const span of Array.from(list.querySelectorAll<HTMLElement>('.time-left'))) {
      const deadline = span.dataset.deadline || null;
      span.textContent = formatTimeLeft(deadline, now);
      span.classList.toggle('overdue', deadline !== null && new Date(deadline).getTime() < now.getTime());
    }
  };
  window.setInterval(tick, 1000);

  const view: QueueView = {
    upsert(ticket) {
      const isNew = !tickets.has(ticket.id);
      tickets.set(ticket.id, ticket);
      view.render();
      return isNew;
    },
    remove(id) {
      tickets.delete(id);
      if (selectedId === id) selectedId = undefined;
      view.render();
    },
    has: (id) => tickets.has(id),
    replaceAll(all) {
      tickets.clear();
      for (const t of all) tickets.set(t.id, t);
      view.render();
    },
    selected: () => (selectedId ? tickets.get(selectedId) : undefined),
    select(id) {
      selectedId = id && tickets.has(id) ? id : undefined;
      view.render();
      list.querySelector<HTMLElement>('[aria-current="true"]')?.focus();
      onSelect(view.selected());
    },
    move(step) {
      const order = ordered();
      if (order.length === 0) return;
      const at = order.findIndex((t) => t.id === selectedId);
      const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : Math.max(0, Math.min(order.length - 1, at + step));
      view.select(order[next]!.id);
    },
    render() {
      const order = ordered();
      if (order.length === 0) replace(list, el('li', { className: 'muted' }, i18n.t('queueEmpty')));
      else replace(list, ...order.map(item));
      tick();
    },
  };
  return view;
}
