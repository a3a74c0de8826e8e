// Signing in, shared by the console, the studio and the dashboard: GET /auth/me tells whether
// the session cookie is still good; otherwise the page's login form posts /auth/login.
import { ApiError, type Api } from './api';
import type { Lang } from './i18n';
import { changeTemporaryPassword } from './password-change';

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly roles: readonly string[];
  readonly mustChangePassword?: boolean;
}

interface MeAnswer {
  readonly user: SignedInUser;
  readonly csrfToken: string;
}

export async function currentUser(api: Api): Promise<SignedInUser | null> {
  try {
    const me = await api.get<MeAnswer>('/auth/me');
    api.setCsrf(me.csrfToken);
    return me.user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export interface LoginForm {
  readonly form: HTMLFormElement;
  readonly email: HTMLInputElement;
  readonly password: HTMLInputElement;
  readonly error: HTMLElement;
}

/**
 * Resolves with the signed-in user: at once if the session is still valid, else after the person
 * signs in through `login`. Wrong credentials and lockouts are shown in `login.error`.
 */
export async function signIn(api: Api, login: LoginForm, messageOf: (error: unknown) => string, lang: () => Lang = () => 'ko'): Promise<SignedInUser> {
  const user = await signInOnce(api, login, messageOf);
  if (!user.mustChangePassword) return user;
  await changeTemporaryPassword(api, lang());
  return { ...user, mustChangePassword: false };
}

async function signInOnce(api: Api, login: LoginForm, messageOf: (error: unknown) => string): Promise<SignedInUser> {
  const existing = await currentUser(api);
  if (existing) return existing;
  login.form.hidden = false;
  login.email.focus();
  return new Promise((resolve) => {
    login.form.addEventListener('submit', async (event) => {
      event.preventDefault();
      login.error.textContent = '';
      try {
        const answer = await api.post<MeAnswer>('/auth/login', { email: login.email.value.trim(), password: login.password.value });
        api.setCsrf(answer.csrfToken);
        login.password.value = '';
        login.form.hidden = true;
        resolve(answer.user);
      } catch (error) {
        login.error.textContent = messageOf(error);
        login.password.select();
      }
    });
  });
}

export async function signOut(api: Api): Promise<void> {
  await api.post('/auth/logout');
  window.location.reload();
}

export function hasRole(user: SignedInUser, role: string): boolean {
  return user.roles.includes(role) || user.roles.includes('admin');
}
