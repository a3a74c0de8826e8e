// The console's contact panel: the citizen's earlier conversations and tickets on every channel
// an agent linked to them, with intents, outcomes, CSAT and dates, and the link form. One mount
// call in ui/console/main.ts; it follows the ticket the agent opens. Citizen-chosen names are
// shown as text only (ui/shared/dom never parses HTML).
import type { ContactHistory, ContactIdentity, HistoryConversation, HistoryTicket } from '../../handoff/contact-history';
import type { Api } from '../shared/api';
import { el, replace } from '../shared/dom';
import { formatDateTime } from '../shared/format';
import type { I18n, Lang } from '../shared/i18n';
import type { Toasts } from '../shared/toasts';
import { CONTACT_TEXT, contactKey, type ContactKey } from './contact-text';
import { loadIntentChoices, type IntentChoice } from './intent-choices';

export interface ContactPanelDeps {
  readonly root: HTMLElement;
  readonly api: Api;
  /** The console's i18n: the panel follows its language. */
  readonly i18n: Pick<I18n<string>, 'lang' | 'onChange'>;
  readonly toasts: Toasts;
  /** Confirmations go to the console's status line. */
  readonly confirm: (text: string) => void;
}

export interface ContactPanel {
  /** Shows the history of the ticket's contact; undefined clears the panel. */
  show(ticketId: string | undefined): Promise<void>;
}

export function mountContactPanel(deps: ContactPanelDeps): ContactPanel {
  const { root, api, i18n, toasts } = deps;
  let ticketId: string | undefined;
  let history: ContactHistory | undefined;
  let intents: readonly IntentChoice[] = [];
  const intentsLoaded = loadIntentChoices(api).then((list) => (intents = list));

  const t = (key: ContactKey, params: Readonly<Record<string, string | number>> = {}) =>
    CONTACT_TEXT[i18n.lang()][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  const dynamic = (prefix: 'channel' | 'outcome', value: string) => {
    const key = contactKey(prefix, value);
    return key ? t(key) : value;
  };
  const intentName = (id: string, lang: Lang) => intents.find((i) => i.id === id)?.name?.[lang] ?? id;
  const date = (value: string | null) => formatDateTime(value, i18n.lang());

  const heading = () => el('h2', { id: 'contact-title' }, t('contactTitle'));

  function identityItem(identity: ContactIdentity): HTMLElement {
    const name = identity.displayName ?? identity.handle;
    const evidence = identity.link && (identity.link.evidence === 'verified_account' ? t('linkedVerified') : t('linkedByAgent'));
    const unlink = identity.link && history ? el('button', { type: 'button', className: 'link-button', 'data-unlink': identity.id }, t('unlink')) : null;
    unlink?.addEventListener(
      'click',
      () => void change(() => api.del<ContactHistory>(`/contacts/${enc(history!.contact.id)}/links/${enc(identity.id)}`), t('unlinked')),
    );
    return el(
      'li',
      { className: 'contact-identity', 'data-contact-id': identity.id },
      el('span', { className: `channel-badge channel-${identity.channel}` }, dynamic('channel', identity.channel)),
      name ? el('span', { className: 'contact-name', 'data-content': '' }, name) : null,
      el('span', { className: 'muted' }, t('since', { date: date(identity.since) })),
      evidence ? el('span', { className: 'contact-evidence' }, evidence) : null,
      unlink,
    );
  }

  function ticketLine(ticket: HistoryTicket): HTMLElement {
    const current = ticket.id === ticketId;
    return el(
      'li',
      { className: current ? 'history-ticket current' : 'history-ticket', 'data-ticket-id': ticket.id },
      el('code', { className: 'ticket-id', title: ticket.id }, ticket.id.slice(-6)),
      el('span', { className: `outcome outcome-${ticket.status}` }, dynamic('outcome', ticket.status)),
      ticket.intent ? el('span', {}, intentName(ticket.intent, i18n.lang())) : null,
      el('span', { className: 'muted' }, `${date(ticket.createdAt)}${ticket.resolvedAt ? ` → ${date(ticket.resolvedAt)}` : ''}`),
      el('span', { className: 'rating' }, ticket.rating === null ? t('notRated') : t('rating', { score: ticket.rating })),
      current ? el('strong', { className: 'current-mark' }, t('currentTicket')) : null,
    );
  }

  function conversationItem(conversation: HistoryConversation): HTMLElement {
    const lang = i18n.lang();
    return el(
      'li',
      { className: 'history-conversation', 'data-conversation-id': conversation.id },
      el(
        'p',
        { className: 'history-head' },
        el('span', { className: `channel-badge channel-${conversation.channel}` }, dynamic('channel', conversation.channel)),
        el('span', { className: `outcome outcome-${conversation.outcome}` }, dynamic('outcome', conversation.outcome)),
        el('span', { className: 'muted' }, `${date(conversation.startedAt)} – ${date(conversation.lastMessageAt)}`),
        el('span', { className: 'muted' }, t('messages', { count: conversation.messageCount })),
      ),
      el(
        'p',
        { className: 'history-intents' },
        conversation.intents.length === 0 ? t('noIntents') : conversation.intents.map((i) => intentName(i, lang)).join(' · '),
      ),
      conversation.tickets.length > 0 ? el('ul', { className: 'history-tickets' }, ...conversation.tickets.map(ticketLine)) : null,
    );
  }

  function linkForm(contactId: string): HTMLElement {
    const input = el('input', { id: 'contact-link-ticket', type: 'text', placeholder: t('linkPlaceholder'), maxlength: 64, required: true });
    const form = el(
      'form',
      { className: 'contact-link', 'aria-describedby': 'contact-link-help' },
      el('label', { for: 'contact-link-ticket' }, t('linkLabel')),
      el('div', { className: 'contact-link-row' }, input, el('button', { type: 'submit' }, t('linkButton'))),
      el('p', { id: 'contact-link-help', className: 'muted' }, t('linkHelp')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const other = input.value.trim();
      if (other) void change(() => api.post<ContactHistory>(`/contacts/${enc(contactId)}/links`, { ticketId: other }), t('linked'));
    });
    return form;
  }

  function render(): void {
    root.hidden = false;
    if (!ticketId) return replace(root, heading(), el('p', { className: 'muted' }, t('contactNone')));
    if (!history) return replace(root, heading(), el('p', { className: 'muted' }, t('contactLoading')));
    replace(
      root,
      heading(),
      el('h3', {}, t('identities')),
      el('ul', { className: 'contact-identities' }, ...history.identities.map(identityItem)),
      el('h3', {}, t('history')),
      history.conversations.length === 0
        ? el('p', { className: 'muted' }, t('noHistory'))
        : el('ol', { className: 'history-list', 'data-testid': 'contact-history' }, ...history.conversations.map(conversationItem)),
      linkForm(history.contact.id),
    );
    root.dataset.loaded = 'true';
  }

  async function change(request: () => Promise<ContactHistory>, done: string): Promise<void> {
    try {
      history = await request();
      render();
      deps.confirm(done);
    } catch (error) {
      toasts.failure(error);
    }
  }

  i18n.onChange(render);
  render();

  return {
    async show(id) {
      ticketId = id;
      history = undefined;
      delete root.dataset.loaded;
      render();
      if (!id) return;
      try {
        const [loaded] = await Promise.all([api.get<ContactHistory>(`/handoffs/${enc(id)}/contact-history`), intentsLoaded]);
        if (ticketId !== id) return; // The agent moved on meanwhile.
        history = loaded;
        render();
      } catch (error) {
        toasts.failure(error);
      }
    },
  };
}

const enc = encodeURIComponent;
