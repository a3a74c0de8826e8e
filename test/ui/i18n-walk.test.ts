// No string of one language in the other's UI: every staff page (staff home, console with an open
// ticket, studio, dashboard, admin) and the web chat, in Korean and in English, read in Chromium.
// A page fails on any text, placeholder, label or title that is a string of the other language's
// dictionaries (every ui/**/*text.ts), and in English on any Hangul at all. Content is not UI:
// what citizens, the bot and staff wrote is marked data-content and skipped, and the language
// switch names the other language in that language (marked with its own lang attribute).
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Lang } from '../../ui/shared/i18n';
import { inbound } from '../support/pipeline-fixtures';
import { describeWithChromium, screenshot } from './support/browser';
import { signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(300_000);

const UI_ROOT = path.join(__dirname, '..', '..', 'ui');

/** Every { ko, en } dictionary exported by a ui/**\/*text.ts module. */
function dictionaries(): { ko: Record<string, string>; en: Record<string, string> }[] {
  const files = fs.readdirSync(UI_ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => /(^|[/-])text\.ts$/.test(f));
  return files.flatMap((file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(UI_ROOT, file)) as Record<string, unknown>;
    return Object.values(exported).filter(
      (v): v is { ko: Record<string, string>; en: Record<string, string> } => typeof v === 'object' && v !== null && 'ko' in v && 'en' in v,
    );
  });
}

/** The literal pieces of a template ("{n} still waiting" → "still waiting") long enough to mean something. */
const pieces = (template: string) =>
  template
    .split(/\{\w+\}/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2);

function foreignStrings(lang: Lang): string[] {
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  const dicts = dictionaries();
  expect(dicts.length).toBeGreaterThanOrEqual(7);
  const own = new Set(dicts.flatMap((d) => Object.values(d[lang]).flatMap(pieces)));
  // A short English word ("Bot", "Open") can be part of a Korean page's data (an intent id):
  // English pieces count when they are whole texts, or sentences anywhere.
  // Only what is written in the other language counts ("English" on the Korean page's switch is not Korean).
  const written = lang === 'en' ? /[\u3131-\uD79D]/ : /[A-Za-z]/;
  return [...new Set(dicts.flatMap((d) => Object.values(d[other]).flatMap(pieces)))].filter((s) => !own.has(s) && written.test(s));
}

/** The visible UI texts of the page: text nodes and the texts of attributes a person reads. */
async function uiTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lang = document.documentElement.lang;
    const skipped = (n: Element | null) => !!n?.closest(`[data-content], [lang]:not([lang="${lang}"])`);
    const where = (n: Element) => {
      const parts: string[] = [];
      for (let a: Element | null = n; a && a !== document.body && parts.length < 3; a = a.parentElement)
        parts.unshift(
          `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''}${typeof a.className === 'string' && a.className ? `.${a.className.split(' ')[0]}` : ''}`,
        );
      return parts.join('>');
    };
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skipped(parent) || parent.closest('script, style, [hidden], template')) continue;
      const text = node.textContent?.trim();
      if (text) texts.push(`${text} @${where(parent)}`);
    }
    for (const element of Array.from(document.body.querySelectorAll('[placeholder], [aria-label], [title], option, optgroup[label]'))) {
      if (skipped(element) || element.closest('[hidden]')) continue;
      for (const name of ['placeholder', 'aria-label', 'title', 'label']) {
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(`${value} @${where(element)}[${name}]`);
      }
    }
    return texts;
  });
}

function crossLanguage(texts: readonly string[], lang: Lang, foreign: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    const shown = text.replace(/ @[^@]*$/, '');
    if (lang === 'en' && /[\u3131-\uD79D]/.test(shown)) found.add(`Hangul: ${text.slice(0, 120)}`);
    for (const s of foreign) {
      const whole = shown === s;
      const inside = (lang === 'en' || s.length >= 12 || /\s/.test(s)) && shown.includes(s);
      if ((whole || inside) && lang === 'ko') found.add(`"${s}" in: ${text.slice(0, 120)}`);
    }
  }
  return [...found];
}

describeWithChromium('no cross-language strings on any page (Chromium)', () => {
  const ui = useServerAndBrowser();

  it('walks the staff home, console (queue and an open ticket), studio, dashboard, admin and web chat in both languages', async () => {
    const admin = await ui.server.user(['admin'], 'i18n-admin');
    // A ticket with a card, a suggested answer, notes and an agent reply, so the thread shows everything.
    const userId = `i18n-citizen-${process.pid}`;
    const { messageId } = await ui.server.pipeline.ingest(inbound('여권 재발급 상담원 연결해 주세요', { userId, threadKey: `web:${userId}` }), {
      enqueue: false,
    });
    const ticketId = (await ui.server.pipeline.processInbound(messageId)).ticketId!;
    const actor = { id: admin.id, roles: ['admin'] };
    await ui.server.handoff.service.claim(ticketId, actor);
    await ui.server.handoff.service.reply(ticketId, actor, '안녕하세요, 상담원입니다. 확인해 보겠습니다.');
    await ui.server.handoff.service.addNote(ticketId, actor, '여권 분실 여부 확인 필요');

    const problems: string[] = [];
    for (const lang of ['ko', 'en'] as const) {
      const foreign = foreignStrings(lang);
      await ui.browser.context.clearCookies();
      const page = await ui.browser.page();
      await page.goto(`${ui.server.url}/staff`);
      await page.evaluate((l) => localStorage.setItem('sotong.lang', l), lang);
      await page.reload();
      // The sign-in form is a page too.
      await page.locator('#login-form').waitFor({ state: 'visible' });
      const check = async (where: string) => {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        for (const problem of crossLanguage(await uiTexts(page), lang, foreign)) problems.push(`${lang} ${where}: ${problem}`);
      };
      await check('sign-in');
      await signInThroughForm(page, admin.email);
      await check('staff home');

      await page.goto(`${ui.server.url}/console`);
      await page.locator('#stream-state[data-state="open"]').waitFor();
      await page.locator(`.ticket[data-ticket-id="${ticketId}"]`).click();
      await page.locator('.triage-card').waitFor();
      await page.locator('#transcript .message.agent').waitFor();
      await check('console ticket');
      await page.click('#resolve-button');
      await page.locator('#confirm-dialog[open]').waitFor();
      await check('console resolve dialog');
      await page.click('#confirm-cancel');
      await page.locator('body').press('?');
      await page.locator('#shortcuts-dialog[open]').waitFor();
      await check('console shortcuts');
      await page.click('#shortcuts-close');
      for (const view of ['mine', 'snoozed', 'resolved']) {
        await page.click(`.view-tab[data-view="${view}"]`);
        await page.locator(`.view-tab[data-view="${view}"][aria-pressed="true"]`).waitFor();
        await check(`console view ${view}`);
      }

      await page.goto(`${ui.server.url}/studio`);
      await page.locator('#app[data-loaded="true"]').waitFor();
      await page.locator('#intents-table [data-intent]').first().click();
      await page.locator('#editor').waitFor({ state: 'visible' });
      await page.locator('#sec-canned details').first().waitFor();
      await check('studio with an intent open');

      await page.goto(`${ui.server.url}/dashboard`);
      await page.locator('#app[data-loaded="true"]').waitFor();
      await check('dashboard');

      await page.goto(`${ui.server.url}/admin`);
      await page.locator('#app').waitFor({ state: 'visible' });
      await page.locator('#users-table tr[data-user-email]').first().waitFor();
      await check('admin');

      await page.goto(`${ui.server.url}/chat.html`);
      await page.locator('#composer').waitFor();
      await page.fill('#text', lang === 'ko' ? '가족관계증명서 어디서 떼요' : 'Where do I get a family relation certificate?');
      await page.click('#send');
      await page.locator('#log .bot, #log [data-author="bot"]').first().waitFor();
      await page.waitForTimeout(300);
      await check('web chat');
      await screenshot(page, `chat-${lang}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
