// The thread's transcript and notes. Stored text is already PII-redacted; it is still citizen
// text, so it goes in with textContent. The answers' official links and tel: numbers are anchors
// (ui/shared/links); the media a citizen sent is a link shown, opened only on an explicit click.
// The transcript opens at the newest message and stays pinned to the bottom as messages arrive,
// unless the agent scrolled up to read: then a "new messages ↓" button appears instead.
import { el, linkAsText } from '../shared/dom';
import { formatDateTime } from '../shared/format';
import { linkLine } from '../shared/links';
import type { I18n } from '../shared/i18n';
import type { ConsoleKey } from './text';
import type { StoredMessage, TicketNote } from './types';

type T = I18n<ConsoleKey>;

/** How close to the bottom (px) still counts as "reading the newest". */
const PINNED_SLACK = 48;

export function renderMessage(message: StoredMessage, i18n: T): HTMLLIElement {
  const item = el(
    'li',
    { className: `message ${message.author}`, 'data-message-id': message.id },
    el('span', { className: 'who' }, i18n.t(message.author)),
    el('time', { dateTime: message.createdAt }, formatDateTime(message.createdAt, i18n.lang())),
    // What the citizen, the bot or an agent wrote, in the citizen's language: content, not UI.
    el('p', { className: 'text', 'data-content': '' }, message.text),
  );
  if (message.links.length > 0) {
    const line = (l: StoredMessage['links'][number]) => (message.author === 'citizen' ? el('li', {}, linkAsText(l, i18n.t('open'))) : linkLine(l));
    item.append(el('ul', { className: 'links', 'aria-label': i18n.t('links'), 'data-content': '' }, ...message.links.map(line)));
  }
  return item;
}

/** Where the agent was reading, so a re-render of the same thread keeps it. */
export interface ScrollState {
  readonly atBottom: boolean;
  readonly scrollTop: number;
  readonly count: number;
  /** Newer messages arrived that the agent has not scrolled to. */
  readonly unseen: boolean;
}

export interface TranscriptBox {
  readonly element: HTMLElement;
  /** Scrolls to the newest message (call once the box is in the document). */
  pin(): void;
  state(): ScrollState;
  /** After a re-render: pinned if the agent was at the bottom, else where they were, with the jump if more arrived. */
  restore(previous: ScrollState | undefined): void;
  /** Adds a live message: stays pinned if the agent was at the bottom, else offers the jump. */
  add(message: StoredMessage): void;
}

export function createTranscript(messages: readonly StoredMessage[], i18n: T): TranscriptBox {
  const list = el(
    'ol',
    { className: 'transcript', id: 'transcript', 'data-testid': 'transcript', 'aria-live': 'polite', 'aria-label': i18n.t('transcript'), tabindex: 0 },
    ...messages.map((m) => renderMessage(m, i18n)),
  );
  const jump = el('button', { type: 'button', id: 'new-messages', className: 'new-messages', hidden: true }, i18n.t('newMessages'));
  const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight <= PINNED_SLACK;
  const pin = () => {
    list.scrollTop = list.scrollHeight;
    jump.hidden = true;
  };
  jump.addEventListener('click', pin);
  list.addEventListener('scroll', () => {
    if (atBottom()) jump.hidden = true;
  });
  return {
    element: el('div', { className: 'transcript-box' }, list, jump),
    pin,
    state: () => ({ atBottom: atBottom(), scrollTop: list.scrollTop, count: list.children.length, unseen: !jump.hidden }),
    restore(previous) {
      if (!previous || previous.atBottom) return pin();
      list.scrollTop = previous.scrollTop;
      jump.hidden = !previous.unseen && list.children.length <= previous.count;
    },
    add(message) {
      if (list.querySelector(`[data-message-id="${CSS.escape(message.id)}"]`)) return;
      const follow = atBottom();
      list.append(renderMessage(message, i18n));
      if (follow) pin();
      else jump.hidden = false;
    },
  };
}

export function renderNotes(notes: readonly TicketNote[], i18n: T): HTMLElement {
  if (notes.length === 0) return el('p', { className: 'muted', id: 'notes' }, i18n.t('noNotes'));
  return el(
    'ul',
    { className: 'notes', id: 'notes' },
    ...notes.map((n) =>
      el('li', {}, el('time', { dateTime: n.createdAt }, formatDateTime(n.createdAt, i18n.lang())), ' ', el('span', { 'data-content': '' }, n.text)),
    ),
  );
}
