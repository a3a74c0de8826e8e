// The staff home: one card per staff page, each opening the page when the user's roles allow it
// and saying which role it needs otherwise.
import { byId, el, replace } from '../shared/dom';
import { bootSignedInPage } from '../shared/page-boot';
import { hasRole } from '../shared/session';
import { headerText, roleName, STAFF_PAGES } from '../shared/staff-header';
import { STAFF_TEXT } from './text';

async function start(): Promise<void> {
  const page = await bootSignedInPage(STAFF_TEXT, null, 'staff');
  if (!page) return;
  const { i18n, user } = page;
  const render = () => {
    const lang = i18n.lang();
    byId('welcome').textContent = i18n.t('welcome', { name: user.displayName ?? user.email });
    replace(
      byId('staff-pages'),
      ...STAFF_PAGES.filter((p) => p.role !== null).map((p) => {
        const allowed = hasRole(user, p.role!);
        return el(
          'li',
          { className: `staff-card${allowed ? '' : ' locked'}`, 'data-page': p.id },
          el('h2', {}, allowed ? el('a', { href: p.href }, headerText(lang, `page.${p.id}`)) : headerText(lang, `page.${p.id}`)),
          el('p', {}, headerText(lang, `pageInfo.${p.id}`)),
          allowed ? null : el('p', { className: 'muted' }, headerText(lang, 'needsRole', { role: roleName(lang, p.role!) })),
        );
      }),
    );
  };
  i18n.onChange(render);
  render();
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch((error) => {
    const region = document.getElementById('status');
    if (region) region.textContent = String((error as Error).message ?? error);
  });
});
