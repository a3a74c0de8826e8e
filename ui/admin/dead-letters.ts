// The dead-letter panel of the admin page: the counts behind /metrics' sotong_dead_letters and
// the newest items — messages and replies set aside after failing on every try, and platform
// events refused as given — with their reasons. Every string from the server is data (a platform
// id or an error can quote what a citizen or a platform sent): it is only ever put in text nodes.
import type { Api } from '../shared/api';
import { byId, el, replace } from '../shared/dom';
import { formatDateTime } from '../shared/format';
import type { I18n } from '../shared/i18n';
import type { AdminKey } from './text';

interface DeadLetter {
  readonly kind: 'message' | 'outbox';
  readonly id: string;
  readonly conversationId: string;
  readonly error: string | null;
  readonly createdAt: string;
}

interface RejectedEvent {
  readonly id: string;
  readonly channel: string;
  readonly externalId: string | null;
  readonly reason: string;
  readonly createdAt: string;
}

export interface DeadLetterList {
  readonly counts: { readonly messages: number; readonly outbox: number; readonly rejectedEvents: number };
  readonly items: readonly DeadLetter[];
  readonly rejected: readonly RejectedEvent[];
}

export interface DeadLetterPanel {
  /** Fetches the list again and shows it. */
  load(): Promise<void>;
  /** Shows the last list again (after a language change). */
  render(): void;
}

export function mountDeadLetters(api: Api, i18n: I18n<AdminKey>, onError: (error: unknown) => void): DeadLetterPanel {
  let list: DeadLetterList | undefined;
  const cell = (text: string) => el('td', {}, text);
  const table = (headings: readonly AdminKey[], rows: HTMLTableRowElement[]) =>
    rows.length === 0
      ? el('p', { className: 'muted' }, i18n.t('deadNone'))
      : el('table', {}, el('thead', {}, el('tr', {}, ...headings.map((k) => el('th', { scope: 'col' }, i18n.t(k))))), el('tbody', {}, ...rows));

  const render = () => {
    if (!list) return;
    const { counts } = list;
    const when = (at: string) => formatDateTime(at, i18n.lang());
    replace(byId('dead-letter-counts'), i18n.t('deadCounts', { messages: counts.messages, outbox: counts.outbox, rejected: counts.rejectedEvents }));
    replace(
      byId('dead-letter-items'),
      table(
        ['deadKind', 'deadConversation', 'deadError', 'deadWhen'],
        list.items.map((d) =>
          el(
            'tr',
            { 'data-dead-id': d.id },
            cell(i18n.t(d.kind === 'message' ? 'deadKindMessage' : 'deadKindOutbox')),
            cell(d.conversationId),
            cell(d.error ?? '—'),
            cell(when(d.createdAt)),
          ),
        ),
      ),
    );
    replace(
      byId('rejected-events'),
      table(
        ['deadChannel', 'deadExternalId', 'deadReason', 'deadWhen'],
        list.rejected.map((r) => el('tr', { 'data-rejected-id': r.id }, cell(r.channel), cell(r.externalId ?? '—'), cell(r.reason), cell(when(r.createdAt)))),
      ),
    );
  };

  byId('dead-letter-refresh').addEventListener('click', () => void panel.load().catch(onError));
  const panel: DeadLetterPanel = {
    async load() {
      list = await api.get<DeadLetterList>('/dead-letters?limit=50');
      render();
    },
    render,
  };
  return panel;
}
