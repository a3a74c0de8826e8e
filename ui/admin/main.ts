// Staff administration for admins: the account list, a form that creates or edits an account
// (name, roles, department queues, optional password), deactivate / reactivate, and a password
// reset that shows the temporary password once. Roles come from the one roles definition. Below,
// the dead letters (./dead-letters.ts).
import { ROLES } from '../../accounts/roles';
import { ApiError } from '../shared/api';
import { confirmAction } from '../shared/confirm';
import { byId, el, replace } from '../shared/dom';
import { bootSignedInPage } from '../shared/page-boot';
import { roleName } from '../shared/staff-header';
import { createToasts } from '../shared/toasts';
import { mountDeadLetters } from './dead-letters';
import { ADMIN_TEXT } from './text';

interface StaffUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly queues: readonly string[];
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
}

async function start(): Promise<void> {
  const page = await bootSignedInPage(ADMIN_TEXT, 'admin', 'admin');
  if (!page) return;
  const { i18n, api, status } = page;
  const toasts = createToasts(
    byId('toasts'),
    () => i18n.t('close'),
    () => i18n.t('offline'),
  );
  const secret = byId('temporary-password');
  let users: StaffUser[] = [];
  let editing: StaffUser | undefined;
  const queues = await api.get<{ queues: string[] }>('/handoffs/targets').then(
    (a) => a.queues,
    () => [] as string[],
  );

  const form = byId<HTMLFormElement>('user-form');
  const email = byId<HTMLInputElement>('user-email');
  const name = byId<HTMLInputElement>('user-name-input');
  const password = byId<HTMLInputElement>('user-password');

  const checkboxes = (root: string, values: readonly string[], labelOf: (v: string) => string, group: string) =>
    replace(byId(root), ...values.map((v) => el('label', { className: 'check' }, el('input', { type: 'checkbox', name: group, value: v }), ' ', labelOf(v))));
  const checked = (group: string) => Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${group}"]:checked`)).map((c) => c.value);
  const setChecked = (group: string, values: readonly string[]) =>
    form.querySelectorAll<HTMLInputElement>(`input[name="${group}"]`).forEach((c) => (c.checked = values.includes(c.value)));

  const renderForm = () => {
    checkboxes('user-roles', ROLES, (r) => roleName(i18n.lang(), r), 'role');
    checkboxes('user-queues', queues, (q) => q, 'queue');
    byId('form-title').textContent = editing ? i18n.t('editUser', { email: editing.email }) : i18n.t('newUser');
    byId('user-submit').textContent = i18n.t(editing ? 'save' : 'create');
    byId('user-cancel').hidden = !editing;
    email.disabled = Boolean(editing);
    byId('password-field').hidden = Boolean(editing);
    email.value = editing?.email ?? '';
    name.value = editing?.displayName ?? '';
    password.value = '';
    setChecked('role', editing?.roles ?? ['agent']);
    setChecked('queue', editing?.queues ?? []);
  };

  const act = async (work: () => Promise<string>) => {
    try {
      status.info(await work());
      await load();
    } catch (error) {
      toasts.failure(error);
    }
  };

  const showSecret = (who: string, temporary: string | undefined) => {
    secret.hidden = !temporary;
    secret.textContent = temporary ? i18n.t('temporary', { email: who, password: temporary }) : '';
  };

  const row = (u: StaffUser) => {
    const button = (key: 'edit' | 'disable' | 'enable' | 'resetPassword', run: () => void) => {
      const b = el('button', { type: 'button', 'data-action': key }, i18n.t(key));
      b.addEventListener('click', run);
      return b;
    };
    const state = u.disabled ? i18n.t('disabled') : u.mustChangePassword ? `${i18n.t('active')} · ${i18n.t('mustChange')}` : i18n.t('active');
    return el(
      'tr',
      { 'data-user-email': u.email, className: u.disabled ? 'is-disabled' : null },
      el('td', {}, u.email),
      el('td', {}, u.displayName),
      el('td', {}, u.roles.map((r) => roleName(i18n.lang(), r)).join(', ')),
      el('td', {}, u.queues.join(', ') || '—'),
      el('td', {}, state),
      el(
        'td',
        { className: 'row-actions' },
        button('edit', () => {
          editing = u;
          renderForm();
          name.focus();
        }),
        u.disabled
          ? button('enable', () => void act(async () => (await api.post(`/users/${u.id}/enable`), i18n.t('enabledDone', { email: u.email }))))
          : button('disable', async () => {
              const ok = await confirmAction({
                title: i18n.t('confirmDisableTitle'),
                body: i18n.t('confirmDisableBody', { email: u.email }),
                ok: i18n.t('disable'),
                cancel: i18n.t('cancel'),
              });
              if (ok) await act(async () => (await api.post(`/users/${u.id}/disable`), i18n.t('disabledDone', { email: u.email })));
            }),
        button('resetPassword', async () => {
          const ok = await confirmAction({
            title: i18n.t('confirmResetTitle'),
            body: i18n.t('confirmResetBody', { email: u.email }),
            ok: i18n.t('resetPassword'),
            cancel: i18n.t('cancel'),
          });
          if (!ok) return;
          await act(async () => {
            const answer = await api.post<{ temporaryPassword: string }>(`/users/${u.id}/reset-password`);
            showSecret(u.email, answer.temporaryPassword);
            return i18n.t('saved', { email: u.email });
          });
        }),
      ),
    );
  };

  const renderTable = () => {
    const head = el(
      'tr',
      {},
      ...(['email', 'displayName', 'roles', 'queues', 'status'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))),
      el('th', {}, ''),
    );
    replace(byId('users-table'), el('table', {}, el('thead', {}, head), el('tbody', {}, ...users.map(row))));
  };

  async function load(): Promise<void> {
    users = (await api.get<{ users: StaffUser[] }>('/users')).users;
    renderTable();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const roles = checked('role');
    if (roles.length === 0) return toasts.error(i18n.t('noRole'));
    const body = { displayName: name.value.trim() || undefined, roles, queues: checked('queue') };
    const target = editing;
    void act(async () => {
      if (target) {
        await api.patch(`/users/${target.id}`, body);
        editing = undefined;
        renderForm();
        return i18n.t('saved', { email: target.email });
      }
      const answer = await api.post<{ user: StaffUser; temporaryPassword?: string }>('/users', {
        ...body,
        email: email.value.trim(),
        ...(password.value ? { password: password.value } : {}),
      });
      showSecret(answer.user.email, answer.temporaryPassword);
      renderForm();
      return i18n.t('created', { email: answer.user.email });
    });
  });
  byId('user-cancel').addEventListener('click', () => {
    editing = undefined;
    renderForm();
  });
  const shown = (error: unknown) => (error instanceof ApiError ? toasts.failure(error) : toasts.error(i18n.t('offline')));
  const deadLetters = mountDeadLetters(api, i18n, shown);
  i18n.onChange(() => {
    renderForm();
    renderTable();
    deadLetters.render();
  });
  renderForm();
  await load().catch(shown);
  await deadLetters.load().catch(shown);
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch((error) => {
    const region = document.getElementById('status');
    if (region) region.textContent = String((error as Error).message ?? error);
  });
});
