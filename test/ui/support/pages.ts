// Steps the browser tests share.
import type { Page } from 'playwright-core';
import { UI_PASSWORD } from './ui-server';

/** Signs in through the page's own login form (the staff pages all share it). */
export async function signInThroughForm(page: Page, email: string, password = UI_PASSWORD): Promise<void> {
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.fill('#login-email', email);
  await page.fill('#login-password', password);
  await page.click('#login-form button[type="submit"]');
  await page.locator('#app').waitFor({ state: 'visible' });
}
