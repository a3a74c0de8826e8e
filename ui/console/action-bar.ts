// The thread's action bar: claim, resolve, return to bot, priority and transfer. A button the
// signed-in user may not use on this ticket (by role and by owner, the server's own rules in
// handoff/ticket-rules.ts) is disabled and says why. Resolve and return to bot say what they do
// before the agent confirms.
import { PRIORITIES } from '../../handoff/priority';
import { checkAction, type AgentAction, type TicketStatus } from '../../handoff/ticket-rules';
import { confirmWithOption } from '../shared/confirm';
import { el } from '../shared/dom';
import type { I18n } from '../shared/i18n';
import type { SignedInUser } from '../shared/session';
import type { Transfer, TransferTargets } from './actions';
import type { ConsoleKey } from './text';
import { label } from './triage-card-view';
import type { TicketJson } from './types';

export interface ActionHandlers {
  claim(): void;
  resolve(): void;
  returnToBot(): void;
  setPriority(priority: string): void;
  transfer(to: Transfer, name: string): void;
  /** Out of the working views until `until`; null wakes it now. */
  snooze(until: Date | null): void;
}

/** `datetime-local` value (local time, minutes) of a date. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Which actions the user may take on the ticket now (the same rules the server applies). */
export function allowedActions(ticket: Pick<TicketJson, 'status' | 'assignee'>, user: Pick<SignedInUser, 'id' | 'roles'>): ReadonlySet<AgentAction> {
  const actions: AgentAction[] = ['claim', 'reply', 'resolve', 'return_to_bot', 'transfer', 'set_priority', 'note', 'relabel'];
  const state = { status: ticket.status as TicketStatus, assignee: ticket.assignee };
  const allowed = actions.filter((a) => checkAction(a, state, user).ok);
  // Claiming what you already own is allowed by the server (a no-op) but pointless as a button.
  return new Set(allowed.filter((a) => a !== 'claim' || ticket.assignee !== user.id));
}

/**
 * Asks before resolving / returning, explaining what the citizen will be told. Resolve offers
 * "keep the thread" (a message within the reopen window comes back to this agent).
 */
export function confirmClose(i18n: I18n<ConsoleKey>, kind: 'resolve' | 'returnToBot'): Promise<false | { readonly option: boolean }> {
  return confirmWithOption({
    title: i18n.t(kind === 'resolve' ? 'confirmResolveTitle' : 'confirmReturnTitle'),
    body: i18n.t(kind === 'resolve' ? 'confirmResolveBody' : 'confirmReturnBody'),
    ok: i18n.t(kind),
    cancel: i18n.t('cancel'),
    ...(kind === 'resolve' ? { option: i18n.t('keepThread') } : {}),
  });
}

export function renderActionBar(
  ticket: TicketJson,
  allowed: ReadonlySet<AgentAction>,
  targets: TransferTargets | undefined,
  i18n: I18n<ConsoleKey>,
  on: ActionHandlers,
): HTMLElement {
  const why = allowed.has('resolve') ? undefined : i18n.t(ticket.status === 'waiting' || ticket.status === 'assigned' ? 'notYours' : 'notOpen');
  const button = (text: ConsoleKey, id: string, run: () => void, enabled: boolean) => {
    const b = el('button', { type: 'button', id, disabled: !enabled, title: enabled ? null : (why ?? null) }, i18n.t(text));
    b.addEventListener('click', run);
    return b;
  };

  const priority = el(
    'select',
    { id: 'priority-select', 'aria-label': i18n.t('priorityLabel'), disabled: !allowed.has('set_priority') },
    ...PRIORITIES.map((p) => el('option', { value: p, selected: p === ticket.priority }, label(i18n, 'priority', p))),
  );
  priority.addEventListener('change', () => on.setPriority(priority.value));

  const transfer = el(
    'select',
    { id: 'transfer-target', 'aria-label': i18n.t('transferTo'), disabled: !allowed.has('transfer') },
    el('option', { value: '' }, i18n.t('transferPick')),
    el(
      'optgroup',
      { label: i18n.t('queueLabel') },
      ...(targets?.queues ?? []).filter((q) => q !== ticket.queue).map((q) => el('option', { value: `queue:${q}` }, q)),
    ),
    el(
      'optgroup',
      { label: i18n.t('agent') },
      ...(targets?.agents ?? []).filter((a) => a.id !== ticket.assignee).map((a) => el('option', { value: `agent:${a.id}` }, a.displayName ?? a.email)),
    ),
  );
  const doTransfer = button(
    'transfer',
    'transfer-button',
    () => {
      const [kind, value] = [transfer.value.slice(0, transfer.value.indexOf(':')), transfer.value.slice(transfer.value.indexOf(':') + 1)];
      const name = transfer.selectedOptions[0]?.textContent ?? value;
      if (kind === 'queue') on.transfer({ queue: value }, name);
      else if (kind === 'agent') on.transfer({ agentId: value }, name);
    },
    allowed.has('transfer'),
  );

  // Snooze: an hour from now unless the agent picks another time.
  const snoozed = ticket.snoozedUntil !== null && new Date(ticket.snoozedUntil).getTime() > Date.now();
  const until = el('input', {
    type: 'datetime-local',
    id: 'snooze-until',
    'aria-label': i18n.t('snoozeUntil'),
    value: localInputValue(new Date(Date.now() + 3_600_000)),
    min: localInputValue(new Date()),
    disabled: !allowed.has('set_priority'),
  });
  const snooze = button(
    snoozed ? 'unsnooze' : 'snooze',
    'snooze-button',
    () => {
      if (snoozed) on.snooze(null);
      else if (until.value) on.snooze(new Date(until.value));
    },
    allowed.has('set_priority'),
  );

  return el(
    'div',
    { className: 'action-bar', role: 'group', 'aria-label': i18n.t('actions') },
    button('claim', 'claim-button', on.claim, allowed.has('claim')),
    button('resolve', 'resolve-button', on.resolve, allowed.has('resolve')),
    button('returnToBot', 'return-button', on.returnToBot, allowed.has('return_to_bot')),
    el('label', { className: 'inline-field' }, i18n.t('priorityLabel'), ' ', priority),
    el('span', { className: 'inline-field' }, transfer, doTransfer),
    el('span', { className: 'inline-field' }, snoozed ? null : until, snooze),
  );
}
