// The open thread: header, actions, transcript, reply box (`/` canned responses, the suggested answer), notes,
// the triage card and the relabel form. Re-rendered from GET /handoffs/:id after each action.
// Confirmations go to the status line, errors to toasts.
import { append, el, linkAsText, replace } from '../shared/dom';
import { formatDateTime, formatTimeLeft } from '../shared/format';
import type { I18n } from '../shared/i18n';
import type { SignedInUser } from '../shared/session';
import type { Toasts } from '../shared/toasts';
import type { TicketActions, TransferTargets } from './actions';
import { allowedActions, confirmClose, renderActionBar } from './action-bar';
import type { IntentChoice } from './intent-choices';
import { isOverdueNow } from './queue-order';
import { overdueBadge, priorityBadge } from './queue-view';
import { mountCannedPicker } from './canned-picker';
import type { ConsoleKey } from './text';
import { createTranscript, renderNotes, type TranscriptBox } from './transcript-view';
import { label, renderTriageCard } from './triage-card-view';
import type { CannedResponse, StoredMessage, TicketDetail } from './types';

export interface ThreadView {
  show(ticketId: string | undefined): Promise<void>;
  /** Re-reads the open ticket (after an action or a live event about it). */
  refresh(): Promise<void>;
  currentId(): string | undefined;
  conversationId(): string | undefined;
  /** A live message in the open conversation. */
  appendMessage(message: StoredMessage): void;
  claim(): Promise<void>;
  resolve(): Promise<void>;
  returnToBot(): Promise<void>;
  focusReply(): void;
}

export interface ThreadDeps {
  readonly root: HTMLElement;
  readonly i18n: I18n<ConsoleKey>;
  readonly actions: TicketActions;
  /** Confirmations ("reply sent"). */
  readonly confirm: (text: string) => void;
  readonly toasts: Toasts;
  readonly user: SignedInUser;
  readonly targets: () => TransferTargets | undefined;
  readonly intents: () => readonly IntentChoice[];
  /** The canned responses the `/` picker offers. */
  readonly canned: () => readonly CannedResponse[];
  /** Called after an action changed the ticket, so the queue can update. */
  readonly changed: (ticketId: string) => void;
}

export function createThreadView(deps: ThreadDeps): ThreadView {
  const { root, i18n, actions, toasts } = deps;
  let detail: TicketDetail | undefined;
  let transcript: TranscriptBox | undefined;

  const run = async (work: () => Promise<unknown>, done: ConsoleKey | (() => string)) => {
    const id = detail?.ticket.id;
    if (!id) return;
    try {
      await work();
      deps.confirm(typeof done === 'function' ? done() : i18n.t(done));
      deps.changed(id);
      await view.refresh();
    } catch (error) {
      toasts.failure(error);
    }
  };

  const button = (text: ConsoleKey, id: string, onClick: () => void, disabled: boolean) => {
    const b = el('button', { type: 'button', id, disabled }, i18n.t(text));
    b.addEventListener('click', onClick);
    return b;
  };

  const textForm = (id: string, labelKey: ConsoleKey, submitKey: ConsoleKey, submit: (text: string) => Promise<unknown>, done: ConsoleKey) => {
    const area = el('textarea', { id: `${id}-text`, rows: 3, maxlength: 4000, required: true });
    const form = el(
      'form',
      { id: `${id}-form`, className: 'text-form' },
      el('label', { for: area.id }, i18n.t(labelKey)),
      area,
      el('button', { type: 'submit' }, i18n.t(submitKey)),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = area.value.trim();
      if (!text) return;
      void run(async () => {
        await submit(text);
        area.value = '';
      }, done);
    });
    return { form, area };
  };

  const render = (d: TicketDetail) => {
    const { ticket, card } = d;
    const id = ticket.id;
    // Re-rendering the same thread (a live event, an action) keeps the reading position and
    // whatever the agent was typing.
    const same = root.dataset.ticketId === id;
    const kept = same
      ? {
          scroll: transcript?.state(),
          reply: root.querySelector<HTMLTextAreaElement>('#reply-text')?.value ?? '',
          note: root.querySelector<HTMLTextAreaElement>('#note-text')?.value ?? '',
          // The box the agent is typing in keeps the focus and the caret: no keystroke is lost.
          focus: root.contains(document.activeElement) ? document.activeElement?.id : undefined,
          caret: document.activeElement instanceof HTMLTextAreaElement ? document.activeElement.selectionStart : undefined,
        }
      : undefined;
    root.dataset.ticketId = id;
    const allowed = allowedActions(ticket, deps.user);

    const header = el(
      'header',
      { className: 'thread-header' },
      el(
        'h2',
        { id: 'thread-title', tabindex: -1 },
        priorityBadge(i18n, ticket.priority),
        isOverdueNow(ticket, new Date()) ? overdueBadge(i18n) : null,
        el('span', {}, ` ${ticket.channel} · ${label(i18n, 'status', ticket.status)}`),
      ),
      el(
        'p',
        { className: 'deadline' },
        `${i18n.t('timeLeft')}: `,
        el(
          'span',
          { className: 'time-left', 'data-deadline': ticket.firstResponseAt ? '' : (ticket.slaDeadline ?? '') },
          ticket.firstResponseAt ? i18n.t('answered') : formatTimeLeft(ticket.slaDeadline, new Date()),
        ),
      ),
    );

    const bar = renderActionBar(ticket, allowed, deps.targets(), i18n, {
      claim: () => void view.claim(),
      resolve: () => void view.resolve(),
      returnToBot: () => void view.returnToBot(),
      setPriority: (priority) => void run(() => actions.setPriority(id, priority), 'priorityChanged'),
      transfer: (to, name) =>
        void run(
          () => actions.transfer(id, to),
          () => i18n.t('transferredTo', { target: name }),
        ),
      snooze: (until) =>
        void run(
          () => actions.snooze(id, until),
          () => (until ? i18n.t('snoozed', { time: formatDateTime(until.toISOString(), i18n.lang()) }) : i18n.t('unsnoozed')),
        ),
    });

    const reply = textForm('reply', 'replyLabel', 'send', (text) => actions.reply(id, text), 'sent');
    const picker = mountCannedPicker({
      area: reply.area,
      responses: deps.canned,
      language: () => (card?.language === 'en' ? 'en' : 'ko'),
      values: () => ({ citizen_name: card?.citizenHandle ?? null, ticket_id: id, agent_name: deps.user.displayName ?? null, channel: ticket.channel }),
      emptyText: () => i18n.t('cannedNone'),
    });
    reply.area.placeholder = i18n.t('cannedHint');
    reply.area.after(picker);
    const suggestion = card?.suggestedAnswer;
    const suggested = el('section', { className: 'suggested', 'aria-labelledby': 'suggested-title' }, el('h3', { id: 'suggested-title' }, i18n.t('suggested')));
    if (suggestion) {
      append(suggested, el('p', { className: 'text', id: 'suggested-text', 'data-content': '' }, suggestion.text));
      if (suggestion.links.length > 0)
        suggested.append(el('ul', { className: 'links', 'data-content': '' }, ...suggestion.links.map((l) => el('li', {}, linkAsText(l, i18n.t('open'))))));
      suggested.append(
        button(
          'useSuggested',
          'use-suggested',
          () => {
            reply.area.value = [suggestion.text, ...suggestion.links.map((l) => l.url)].join('\n');
            reply.area.focus();
          },
          !allowed.has('reply'),
        ),
      );
    } else append(suggested, el('p', { className: 'muted' }, i18n.t('noSuggestion')));
    if (!allowed.has('reply')) reply.form.querySelectorAll('textarea, button').forEach((c) => c.setAttribute('disabled', ''));

    const note = textForm('note', 'noteLabel', 'addNote', (text) => actions.note(id, text), 'noted');
    const intentSelect = el(
      'select',
      { id: 'relabel-intent', 'aria-label': i18n.t('relabelPick') },
      ...deps
        .intents()
        .map((c) => el('option', { value: c.id, selected: c.id === card?.topIntents[0]?.intent }, c.name ? `${c.name[i18n.lang()]} (${c.id})` : c.id)),
    );
    const relabel = el(
      'form',
      { id: 'relabel-form', className: 'inline-form' },
      el('label', { for: intentSelect.id }, i18n.t('relabelPick')),
      intentSelect,
      el('button', { type: 'submit' }, i18n.t('relabelSave')),
    );
    relabel.addEventListener('submit', (event) => {
      event.preventDefault();
      void run(() => actions.relabel(id, intentSelect.value), 'relabelled');
    });

    transcript = createTranscript(d.transcript, i18n);
    replace(
      root,
      header,
      bar,
      el(
        'div',
        { className: 'thread-body' },
        el(
          'div',
          { className: 'conversation' },
          el('h3', {}, i18n.t('transcript')),
          transcript.element,
          reply.form,
          el('h3', {}, i18n.t('notes')),
          renderNotes(d.notes, i18n),
          note.form,
        ),
        el('aside', { className: 'context' }, card ? renderTriageCard(card, i18n) : null, suggested, el('h3', {}, i18n.t('relabel')), relabel),
      ),
    );
    if (kept) {
      transcript.restore(kept.scroll);
      reply.area.value ||= kept.reply;
      note.area.value ||= kept.note;
      const focused = kept.focus ? root.querySelector<HTMLElement>(`#${CSS.escape(kept.focus)}`) : null;
      focused?.focus();
      if (focused instanceof HTMLTextAreaElement && kept.caret !== undefined) focused.setSelectionRange(kept.caret, kept.caret);
    } else transcript.pin();
  };

  const view: ThreadView = {
    async show(ticketId) {
      if (!ticketId) {
        detail = undefined;
        transcript = undefined;
        delete root.dataset.ticketId;
        replace(root, el('p', { className: 'muted' }, i18n.t('noThread')));
        return;
      }
      try {
        detail = await actions.load(ticketId);
        render(detail);
      } catch (error) {
        toasts.failure(error);
      }
    },
    async refresh() {
      if (detail) await view.show(detail.ticket.id);
    },
    currentId: () => detail?.ticket.id,
    conversationId: () => detail?.ticket.conversationId,
    appendMessage(message) {
      transcript?.add(message);
    },
    claim: () => (detail && allowedActions(detail.ticket, deps.user).has('claim') ? run(() => actions.claim(detail!.ticket.id), 'claimed') : Promise.resolve()),
    async resolve() {
      if (!detail || !allowedActions(detail.ticket, deps.user).has('resolve')) return;
      const answer = await confirmClose(i18n, 'resolve');
      if (answer) await run(() => actions.resolve(detail!.ticket.id, answer.option), 'resolved');
    },
    async returnToBot() {
      if (!detail || !allowedActions(detail.ticket, deps.user).has('return_to_bot') || !(await confirmClose(i18n, 'returnToBot'))) return;
      await run(() => actions.returnToBot(detail!.ticket.id), 'returned');
    },
    focusReply: () => root.querySelector<HTMLTextAreaElement>('#reply-text')?.focus(),
  };
  i18n.onChange(() => (detail ? render(detail) : void view.show(undefined)));
  return view;
}
