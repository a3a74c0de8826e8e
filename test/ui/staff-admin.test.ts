// The staff home and the admin page in Chromium: the staff pages answer without `.html` and
// share one header (navigation by role, the signed-in user and role, the language); an admin
// creates an agent on the admin page, and that agent signs in to the console; the admin page lists
// the dead letters, platform ids shown as text.
import type { Page } from 'playwright-core';
import { ROLES } from '../../accounts/roles';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { UI_PASSWORD, useServerAndBrowser } from './support/ui-server';

jest.setTimeout(180_000);

describeWithChromium('staff home and admin page (Chromium)', () => {
  const ui = useServerAndBrowser();

  const open = async (path: string, email: string, lang: 'ko' | 'en' = 'ko', password = UI_PASSWORD): Promise<Page> => {
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    await page.goto(`${ui.server.url}${path}`);
    await page.evaluate((l) => localStorage.setItem('sotong.lang', l), lang);
    await page.reload();
    await signInThroughForm(page, email, password);
    return page;
  };

  it('links every staff page from /staff and one shared header, by role', async () => {
    const admin = await ui.server.user(['admin'], 'home-admin');
    for (const lang of ['ko', 'en'] as const) {
      const page = await open('/staff', admin.email, lang);
      const seen = watchPage(page);
      for (const target of ['console', 'studio', 'dashboard', 'admin']) {
        expect(await page.locator(`#staff-pages [data-page="${target}"] a`).getAttribute('href')).toBe(`/${target}`);
        expect(await page.locator(`#staff-nav a[data-page="${target}"]`).count()).toBe(1);
      }
      expect(await page.locator('#staff-nav a[aria-current="page"]').getAttribute('data-page')).toBe('staff');
      expect(await page.locator('#user-name .who-roles').textContent()).toBe(lang === 'ko' ? '관리자' : 'Admin');
      await screenshot(page, `staff-home-${lang}`);
      // Every page answers without .html and carries the same header.
      for (const target of ['console', 'studio', 'dashboard', 'admin']) {
        await page.click(`#staff-nav a[data-page="${target}"]`);
        await page.waitForURL(`${ui.server.url}/${target}`);
        await page.locator('#app').waitFor({ state: 'visible' });
        expect(await page.locator('#staff-nav a[aria-current="page"]').getAttribute('data-page')).toBe(target);
        expect(await page.locator('#user-name .who-name').textContent()).toBeTruthy();
      }
      expect(seen.errors).toEqual([]);
      await page.close();
    }

    // An agent sees only what an agent may open.
    const agent = await ui.server.user(['agent'], 'home-agent');
    const page = await open('/staff', agent.email);
    expect(await page.locator('#staff-nav a').evaluateAll((links) => links.map((l) => l.getAttribute('data-page')))).toEqual(['staff', 'console']);
    expect(await page.locator('#staff-pages [data-page="admin"] a').count()).toBe(0);
    expect(await page.locator('#staff-pages [data-page="admin"]').textContent()).toContain('관리자 역할이 필요합니다');
    await page.close();
  });

  it('creates an agent on the admin page; the agent signs in to the console', async () => {
    const admin = await ui.server.user(['admin'], 'page-admin');
    const email = `agent2-${Date.now()}@localhost`;
    const password = 'agent two password 99';
    for (const lang of ['en', 'ko'] as const) {
      const page = await open('/admin', admin.email, lang);
      await page.locator('#users-table tr[data-user-email]').first().waitFor();
      if (lang === 'en') {
        await page.fill('#user-email', email);
        await page.fill('#user-name-input', 'Agent Two');
        await page.check('#user-roles input[value="agent"]');
        await page.check('#user-queues input[value="documents"]');
        await page.fill('#user-password', password);
        await page.click('#user-submit');
        await page.locator('#status', { hasText: `Created ${email}.` }).waitFor();
        const row = page.locator(`tr[data-user-email="${email}"]`);
        await row.waitFor();
        expect(await row.textContent()).toContain('documents');
        expect(await page.locator('#temporary-password').isHidden()).toBe(true);
        // The roles offered are the one roles definition's.
        expect(await page.locator('#user-roles input').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual([...ROLES]);
      }
      await screenshot(page, `admin-${lang}`);
      await page.close();
    }

    const console = await open('/console', email, 'ko', password);
    await console.locator('#stream-state[data-state="open"]').waitFor();
    expect(await console.locator('#user-name .who-name').textContent()).toBe('Agent Two');
    expect(await console.locator('#user-name .who-roles').textContent()).toBe('상담원');
    await console.close();
  });

  it('resets a password on the page: the temporary one is shown once and must be changed at sign-in', async () => {
    const admin = await ui.server.user(['admin'], 'reset-admin');
    const agent = await ui.server.user(['agent'], 'reset-agent');
    const page = await open('/admin', admin.email, 'en');
    const row = page.locator(`tr[data-user-email="${agent.email}"]`);
    await row.locator('[data-action="resetPassword"]').click();
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-ok');
    // The password appears when the reset request answers, not at the click.
    await page
      .locator('#temporary-password')
      .filter({ hasText: /: \S+ \(/ })
      .waitFor();
    const secret = await page.locator('#temporary-password').textContent();
    const temporary = /: (\S+) \(/.exec(secret ?? '')?.[1];
    expect(temporary).toBeDefined();
    await row.filter({ hasText: 'Must change password' }).waitFor();
    await page.close();

    await ui.browser.context.clearCookies();
    const console = await ui.browser.page();
    await console.goto(`${ui.server.url}/console`);
    await console.fill('#login-email', agent.email);
    await console.fill('#login-password', temporary!);
    await console.click('#login-form button[type="submit"]');
    await console.locator('#password-form').waitFor();
    await console.fill('#pw-current', temporary!);
    await console.fill('#pw-next', 'a brand new password 42');
    await console.click('#password-form button[type="submit"]');
    await console.locator('#stream-state[data-state="open"]').waitFor();
    await console.close();
  });

  it('lists dead letters and rejected events on the admin page, in both languages, ids as text', async () => {
    const admin = await ui.server.user(['admin'], 'dead-admin');
    const hostile = `<img src=x onerror="document.title='pwned'">${Date.now()}`;
    await ui.server.pipeline.rejectEvent({
      channel: 'facebook',
      externalId: hostile,
      reason: 'Meta page webhook entry.0.messaging.1: sender.id: expected string',
    });
    for (const lang of ['ko', 'en'] as const) {
      const page = await open('/admin', admin.email, lang);
      const seen = watchPage(page);
      const row = page.locator('#rejected-events tr[data-rejected-id]', { hasText: hostile });
      await row.waitFor();
      expect(await row.locator('td').nth(1).textContent()).toBe(hostile);
      expect(await page.locator('#rejected-events img').count()).toBe(0);
      expect(await page.title()).not.toBe('pwned');
      expect(await page.locator('#dead-letters h2').textContent()).toBe(lang === 'ko' ? '처리하지 못한 작업' : 'Dead letters');
      expect(await page.locator('#dead-letter-counts').textContent()).toMatch(lang === 'ko' ? /거부된 이벤트 [1-9]\d*건/ : /[1-9]\d* rejected events/);
      expect(seen.errors).toEqual([]);
      await screenshot(page, `admin-dead-letters-${lang}`);
      await page.close();
    }
  });
});
