// The citizen chat on a phone (390×844) in real Chromium: the composer stays on screen however
// long the conversation, official links and tel: numbers are tappable anchors while other links
// and the citizen's own text stay text, and a first visit follows the browser's language.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { screenshot } from '../ui/support/browser';
import { buildUiOnce } from '../ui/support/build';
import type { Decision } from '../../bot/types';

import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from '../server/support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PHONE = { width: 390, height: 844 };

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  await buildUiOnce();
  app = await startTestApp({
    env: { WEB_CHAT_RATE_LIMIT: '1000' },
    triage:
      // Every message is about tolls here: the answer carries a tel:, an official and another link.
      (): Decision => ({
        intent: 'toll.holiday_exemption',
        confidence: 0.97,
        topK: [],
        entities: [],
        pii: [],
        language: 'ko',
        modelVersion: 'm-test',
        action: 'auto_answer',
        reply: {
          text: '명절 통행료 면제는 국토교통부가 발표해요. 환불은 한국도로공사 콜센터에 문의하세요.',
          links: [
            { label: '한국도로공사 콜센터', url: 'tel:1588-2504' },
            { label: '정부24', url: 'https://www.gov.kr/portal/main' },
            { label: '다른 사이트', url: 'https://example.com/not-official' },
          ],
        },
      }),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(locale: string, viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  await page.goto(`${app.url}/chat.html`);
  return { context, page };
}

async function ask(page: Page, text: string): Promise<void> {
  const bots = await page.locator('.bubble.bot').count();
  await page.fill('#text', text);
  await page.click('#send');
  await page.locator('.bubble.bot').nth(bots).waitFor();
}

/** The element's box lies wholly inside the viewport. */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize()!;
  return Boolean(box && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width);
}

test('at 390×844 the composer stays on screen through a long conversation', async () => {
  const { context, page } = await open('ko-KR');
  expect(await onScreen(page, '#composer')).toBe(true);
  for (let i = 0; i < 8; i++) await ask(page, `통행료 질문 ${i + 1}번: 설 연휴에 고속도로 통행료가 면제되나요? 환불은 어떻게 받나요?`);
  expect(await onScreen(page, '#composer')).toBe(true);
  expect(await onScreen(page, '#send')).toBe(true);
  // The log scrolls instead of the page.
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight + 1)).toBe(true);
  expect(
    await page.evaluate(() => {
      const log = document.getElementById('log')!;
      return log.scrollHeight > log.clientHeight;
    }),
  ).toBe(true);
  await screenshot(page, 'chat-390-ko');
  await context.close();
}, 60_000);

test('official links and tel: numbers are anchors; other links and citizen text stay text', async () => {
  const { context, page } = await open('ko-KR');
  await ask(page, '통행료 <a href="https://evil.example">여기</a> https://www.gov.kr');
  const bot = page.locator('.bubble.bot').last();
  const tel = bot.locator('a[href^="tel:"]');
  expect(await tel.getAttribute('href')).toBe('tel:1588-2504');
  expect(await tel.getAttribute('rel')).toBe('noopener noreferrer');
  const official = bot.locator('a[href^="https:"]');
  expect(await official.count()).toBe(1);
  expect(await official.getAttribute('href')).toBe('https://www.gov.kr/portal/main');
  expect(await official.getAttribute('rel')).toBe('noopener noreferrer');
  expect(await bot.locator('.links span.url', { hasText: 'https://example.com/not-official' }).count()).toBe(1);
  expect(await page.locator('.bubble.citizen a').count()).toBe(0);
  expect(await page.locator('.bubble.citizen').last().innerText()).toContain('<a href="https://evil.example">');
  // Tappable on a phone: the anchor is a real target of a tap.
  expect(await onScreen(page, '.bubble.bot >> nth=-1 >> a[href^="tel:"]')).toBe(true);
  await context.close();
}, 60_000);

test('a first visit follows the browser language; the choice then sticks', async () => {
  const en = await open('en-US');
  expect(await en.page.locator('html').getAttribute('lang')).toBe('en');
  expect(await en.page.locator('h1').innerText()).toBe('Sotong helpline chat');
  await ask(en.page, '통행료');
  await screenshot(en.page, 'chat-390-en');
  await en.page.click('#lang-toggle');
  await en.page.reload();
  expect(await en.page.locator('html').getAttribute('lang')).toBe('ko');
  await en.context.close();

  const ko = await open('ko-KR');
  expect(await ko.page.locator('h1').innerText()).toBe('소통 민원 안내 채팅');
  await ko.context.close();

  for (const width of [1280, 1920]) {
    const wide = await open('ko-KR', { width, height: 900 });
    await ask(wide.page, '통행료');
    expect(await onScreen(wide.page, '#composer')).toBe(true);
    await screenshot(wide.page, `chat-${width}-ko`);
    await wide.context.close();
  }
}, 90_000);
