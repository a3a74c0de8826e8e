// What every signed-in page does first: language, API client, status line, the sign-in form,
// sign-out, and a role check. Returns undefined when the user lacks the role (the status says so).
import { ApiError, createApi, type Api } from './api';
import { byId } from './dom';
import { bindLanguageToggle, createI18n, type Dictionary, type I18n } from './i18n';
import { hasRole, signIn, signOut, type SignedInUser } from './session';
import { mountStaffHeader, type StaffPage } from './staff-header';
import { createStatusLine, type StatusLine } from './status';

export interface SignedInPage<K extends string> {
  readonly i18n: I18n<K>;
  readonly api: Api;
  readonly status: StatusLine;
  readonly user: SignedInUser;
}

export async function bootSignedInPage<K extends string>(
  text: Dictionary<K | 'loginFailed' | 'forbidden'>,
  role: string | null,
  page: StaffPage,
): Promise<SignedInPage<K | 'loginFailed' | 'forbidden'> | undefined> {
  const i18n = createI18n(text);
  i18n.apply();
  bindLanguageToggle(byId<HTMLButtonElement>('lang-toggle'), i18n);
  const api = createApi('/api/v1', i18n.lang);
  const status = createStatusLine(byId('status'));
  const user = await signIn(
    api,
    { form: byId('login-form'), email: byId('login-email'), password: byId('login-password'), error: byId('login-error') },
    (error) => i18n.t('loginFailed', { reason: error instanceof ApiError ? error.message : String(error) }),
    i18n.lang,
  );
  byId('sign-out').addEventListener('click', () => void signOut(api));
  mountStaffHeader(user, i18n, page);
  if (role !== null && !hasRole(user, role)) {
    status.error(i18n.t('forbidden'));
    return undefined;
  }
  byId('app').hidden = false;
  return { i18n, api, status, user };
}
