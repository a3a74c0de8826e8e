// The agent console: sign in, load the queue, follow the live stream, open threads, act on them.
import { ApiError, createApi } from '../shared/api';
import { byId } from '../shared/dom';
import { bindLanguageToggle, createI18n } from '../shared/i18n';
import { openStream, type StreamState } from '../shared/live-stream';
import { signIn, signOut, type SignedInUser } from '../shared/session';
import { installShortcuts } from '../shared/shortcuts';
import { mountStaffHeader } from '../shared/staff-header';
import { createStatusLine } from '../shared/status';
import { createToasts } from '../shared/toasts';
import { ticketActions, type TransferTargets } from './actions';
import { mountContactPanel } from './contact-panel';
import { loadIntentChoices, type IntentChoice } from './intent-choices';
import { createNotifier } from './notifications';
import { createOpenTickets } from './open-tickets';
import { createQueueView, subject } from './queue-view';
import { CONSOLE_TEXT } from './text';
import { mountSurgePanel } from './surge-mount';
import { createThreadView } from './thread-view';
import { label } from './triage-card-view';
import type { CannedResponse, StoredMessage, TicketChanged, ViewAnswer } from './types';

async function start(): Promise<void> {
  const i18n = createI18n(CONSOLE_TEXT);
  i18n.apply();
  bindLanguageToggle(byId<HTMLButtonElement>('lang-toggle'), i18n);
  const api = createApi('/api/v1', i18n.lang);
  // Three places that never overwrite each other: confirmations, SLA alerts and error toasts.
  const status = createStatusLine(byId('status'));
  const alerts = byId('alerts');
  const toasts = createToasts(
    byId('toasts'),
    () => i18n.t('close'),
    () => i18n.t('offline'),
  );
  const announcer = byId('announcer');
  const actions = ticketActions(api);

  const user: SignedInUser = await signIn(
    api,
    { form: byId('login-form'), email: byId('login-email'), password: byId('login-password'), error: byId('login-error') },
    (error) => i18n.t('loginFailed', { reason: error instanceof ApiError ? error.message : String(error) }),
    i18n.lang,
  );
  byId('app').hidden = false;
  mountStaffHeader(user, i18n, 'console');
  byId('sign-out').addEventListener('click', () => void signOut(api));

  let intents: readonly IntentChoice[] = [];
  let targets: TransferTargets | undefined = undefined;
  let canned: readonly CannedResponse[] = [];
  const notifier = createNotifier(byId('queue-title').parentElement!, {
    title: () => i18n.t('title'),
    urgentTitle: () => i18n.t('urgentTitle'),
    legend: () => i18n.t('notifications'),
    desktop: () => i18n.t('notifyDesktop'),
    sound: () => i18n.t('notifySound'),
  });
  const thread = createThreadView({
    root: byId('thread'),
    i18n,
    actions,
    confirm: (text) => status.info(text),
    toasts,
    user,
    targets: () => targets,
    intents: () => intents,
    canned: () => canned,
    changed: () => void queue.reload(),
  });
  const contactPanel = mountContactPanel({ root: byId('contact-panel'), api, i18n, toasts, confirm: (text) => status.info(text) });
  const queue = createQueueView(
    { list: byId('queue-list'), views: byId('queue-views'), sort: byId<HTMLSelectElement>('queue-sort') },
    {
      i18n,
      me: () => user.id,
      load: (view, search) => api.get<ViewAnswer>(`/handoffs/views?view=${view}&limit=200${search ? `&q=${encodeURIComponent(search)}` : ''}`),
      onSelect: (ticket) => {
        if (ticket) notifier.read(ticket.id);
        void thread.show(ticket?.id);
        void contactPanel.show(ticket?.id);
      },
      onError: (error) => toasts.failure(error),
    },
  );
  // Every open ticket with its owner, whatever view is shown: who to notify about what.
  const open = createOpenTickets(actions.load, (error) => toasts.failure(error));
  const surges = mountSurgePanel({ api, user, i18n, status, announcer });
  i18n.onChange(() => {
    queue.render();
    notifier.refresh();
  });

  const excerpt = (text: string) => text.slice(0, 80);
  open.onNew((ticket) => {
    const text = subject(ticket);
    announcer.textContent = i18n.t('newTicket', { priority: label(i18n, 'priority', ticket.priority), channel: ticket.channel, text: excerpt(text) });
    if (ticket.priority === 'urgent') notifier.notify(ticket.id, i18n.t('urgentTitle'), i18n.t('notifyUrgent', { text: excerpt(text) }), true);
  });

  const streamState = byId('stream-state');
  const showState = (state: StreamState) => {
    streamState.textContent = i18n.t(state === 'open' ? 'live' : state);
    streamState.dataset.state = state;
  };
  // The label is written once per connection change; a language switch writes it again.
  i18n.onChange(() => {
    const state = streamState.dataset.state as StreamState | undefined;
    if (state) showState(state);
  });
  openStream(
    '/api/v1/events',
    {
      ready: () => {
        void queue.reload();
        void open.load(() => actions.openTickets()).catch((error) => toasts.failure(error));
        surges.reload();
      },
      'surge.changed': (data) => surges.changed(data),
      'ticket.changed': (data) => {
        const event = data as TicketChanged;
        void open.changed(event);
        void queue.reload();
        if (event.ticketId === thread.currentId()) void thread.refresh();
      },
      'sla.missed': (data) => {
        const event = data as TicketChanged;
        void queue.reload().then(() => {
          const ticket = queue.get(event.ticketId) ?? open.get(event.ticketId);
          const line = document.createElement('li');
          line.textContent = i18n.t('slaMissed', {
            subject: ticket ? subject(ticket).slice(0, 60) : event.ticketId,
            priority: label(i18n, 'priority', event.priority),
          });
          alerts.prepend(line);
          while (alerts.children.length > 3) alerts.lastElementChild?.remove();
        });
      },
      'message.created': (data) => {
        const message = data as StoredMessage;
        if (message.conversationId === thread.conversationId()) thread.appendMessage(message);
        const mine = open.byConversation(message.conversationId);
        // A citizen wrote on one of my tickets: unread until I open it (unless it is open now).
        if (message.author === 'citizen' && mine?.assignee === user.id && mine.id !== thread.currentId()) {
          notifier.notify(mine.id, i18n.t('title'), i18n.t('notifyReply', { text: excerpt(message.text) }), mine.priority === 'urgent');
        }
      },
    },
    showState,
  );

  const dialog = byId<HTMLDialogElement>('shortcuts-dialog');
  dialog.dataset.helpText = i18n.t('shortcutsHelp');
  byId('shortcuts-close').addEventListener('click', () => dialog.close());
  byId('shortcuts-button').addEventListener('click', () => document.dispatchEvent(new KeyboardEvent('keydown', { key: '?' })));
  installShortcuts(
    [
      { key: 'j', describe: () => i18n.t('kNext'), run: () => queue.move(1) },
      { key: 'k', describe: () => i18n.t('kPrev'), run: () => queue.move(-1) },
      { key: 'c', describe: () => i18n.t('kClaim'), run: () => void thread.claim() },
      { key: 'r', describe: () => i18n.t('kReply'), run: () => thread.focusReply() },
      { key: 'e', describe: () => i18n.t('kResolve'), run: () => void thread.resolve() },
      { key: 'b', describe: () => i18n.t('kBot'), run: () => void thread.returnToBot() },
    ],
    dialog,
    byId('shortcuts-list'),
  );

  await thread.show(undefined);
  intents = await loadIntentChoices(api);
  targets = await actions.targets().catch(() => undefined);
  canned = await actions.canned().catch(() => []);
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch((error) => {
    const region = document.getElementById('status');
    if (region) region.textContent = String((error as Error).message ?? error);
  });
});
