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

/**
 * How far the page scrolls sideways at its current width (0 when it fits), with the outermost
 * elements that stick out past the right edge, so a failure names the culprit.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const edge = root.clientWidth;
    const describe = (n: Element) =>
      `${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.className && typeof n.className === 'string' ? `.${n.className.split(' ').join('.')}` : ''}`;
    const sticksOut = (n: Element | null) => n !== null && n.getBoundingClientRect().right > edge + 1;
    // Inside a scrolling box (a wide table's wrapper) an element may be wider: only the box counts.
    const scrolled = (n: Element) => {
      for (let a = n.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const culprits = Array.from(document.body.querySelectorAll('*'))
      .filter((n) => sticksOut(n) && !sticksOut(n.parentElement) && !scrolled(n))
      .map(describe)
      .slice(0, 5);
    return { overflow: root.scrollWidth - edge, culprits };
  });
}
