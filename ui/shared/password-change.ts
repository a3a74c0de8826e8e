// After an admin's reset the user signs in with a temporary password and must pick their own
// before the page opens (the server refuses everything else until then).
import { ApiError, type Api } from './api';
import { el } from './dom';
import type { Lang } from './i18n';

const TEXT = {
  ko: {
    title: '새 비밀번호 정하기',
    why: '임시 비밀번호로 로그인했습니다. 계속하려면 새 비밀번호를 정하세요.',
    current: '임시 비밀번호',
    next: '새 비밀번호 (12자 이상)',
    save: '비밀번호 바꾸기',
  },
  en: {
    title: 'Choose a new password',
    why: 'You signed in with a temporary password. Choose your own to continue.',
    current: 'Temporary password',
    next: 'New password (12 characters or more)',
    save: 'Change password',
  },
} as const;

export function changeTemporaryPassword(api: Api, lang: Lang): Promise<void> {
  const t = TEXT[lang];
  const current = el('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = el('input', { id: 'pw-next', type: 'password', autocomplete: 'new-password', minlength: 12, required: true });
  const error = el('p', { className: 'error', role: 'alert' });
  const form = el(
    'form',
    { id: 'password-form', className: 'login' },
    el('h2', {}, t.title),
    el('p', {}, t.why),
    el('label', { for: current.id }, t.current),
    current,
    el('label', { for: next.id }, t.next),
    next,
    el('button', { type: 'submit' }, t.save),
    error,
  );
  document.querySelector('main')?.before(form);
  current.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      try {
        await api.post('/auth/password', { current: current.value, next: next.value });
        form.remove();
        resolve();
      } catch (failure) {
        error.textContent = failure instanceof ApiError ? failure.message : String(failure);
      }
    });
  });
}
