// The thread's transcript and notes. Stored text is already PII-redacted; it is still citizen
// text, so it goes in with textContent. The answers' official links and tel: numbers are anchors
// (ui/shared/links); the media a citizen sent is a link shown, opened only on an explicit click.
import { el, linkAsText } from '../shared/dom';
import { formatDateTime } from '../shared/format';
import { linkLine } from '../shared/links';
import type { I18n } from '../shared/i18n';
import type { ConsoleKey } from './text';
import type { StoredMessage, TicketNote } from './types';

type T = I18n<ConsoleKey>;

export function renderMessage(message: StoredMessage, i18n: T): HTMLLIElement {
  const item = el(
    'li',
    { className: `message ${message.author}`, 'data-message-id': message.id },
    el('span', { className: 'who' }, i18n.t(message.author)),
    el('time', { dateTime: message.createdAt }, formatDateTime(message.createdAt, i18n.lang())),
    el('p', { className: 'text' }, message.text),
  );
  if (message.links.length > 0) {
    const line = (l: StoredMessage['links'][number]) => (message.author === 'citizen' ? el('li', {}, linkAsText(l, i18n.t('open'))) : linkLine(l));
    item.append(el('ul', { className: 'links', 'aria-label': i18n.t('links') }, ...message.links.map(line)));
  }
  return item;
}

export function renderTranscript(messages: readonly StoredMessage[], i18n: T): HTMLOListElement {
  return el('ol', { className: 'transcript', id: 'transcript', 'aria-live': 'polite', 'aria-label': i18n.t('transcript') }, ...messages.map((m) => renderMessage(m, i18n)));
}

export function renderNotes(notes: readonly TicketNote[], i18n: T): HTMLElement {
  if (notes.length === 0) return el('p', { className: 'muted', id: 'notes' }, i18n.t('noNotes'));
  return el(
    'ul',
    { className: 'notes', id: 'notes' },
    ...notes.map((n) => el('li', {}, el('time', { dateTime: n.createdAt }, formatDateTime(n.createdAt, i18n.lang())), ' ', el('span', {}, n.text))),
  );
}
