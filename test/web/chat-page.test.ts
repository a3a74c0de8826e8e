// The citizen chat page in real Chromium: it sends, shows the bot's reply with its official link
// as a real anchor, shows an agent reply that arrives live, renders markup as plain text, and
// switches language.
import { chromium, type Browser } from 'playwright-core';
import { exactTriage } from '../support/pipeline-fixtures';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from '../server/support/test-app';
import { buildUiOnce } from '../ui/support/build';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MARKUP = '<img src=x onerror="window.__pwned=1">';

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  await buildUiOnce();
  app = await startTestApp({
    triage: exactTriage({
      '여권 재발급': {
        action: 'auto_answer',
        intent: 'passport.issue',
        reply: { text: '여권 민원실에서 재발급해요.', links: [{ label: '외교부 여권안내', url: 'https://www.passport.go.kr' }] },
      },
      [MARKUP]: { action: 'decline', reply: { text: `답: ${MARKUP}`, links: [] } },
    }),
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('send, see the reply and a live agent message; markup stays text; language toggles', async () => {
  const page = await browser.newPage({ locale: 'ko-KR' }); // a first visit follows the browser's language
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`${app.url}/chat.html`);
  await page.fill('#text', '여권 재발급');
  await page.click('#send');
  await page.locator('.bubble.bot', { hasText: '여권 민원실에서 재발급해요.' }).waitFor();
  const link = page.locator('.bubble.bot .links a');
  expect(await link.getAttribute('href')).toBe('https://www.passport.go.kr/');
  expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
  expect(await page.locator('.bubble.citizen a').count()).toBe(0);
  // The reply also comes back on the live stream; it is shown once.
  await page.waitForTimeout(200);
  expect(await page.locator('.bubble.bot', { hasText: '여권 민원실에서' }).count()).toBe(1);

  const conversationId = await page.evaluate(() => window.localStorage.getItem('sotong.conversationId'));
  await app.events.publish({
    type: 'message.created',
    conversationId: conversationId!,
    message: {
      id: 'zz-agent-1',
      conversationId: conversationId!,
      direction: 'out',
      author: 'agent',
      text: '상담원 김민지입니다.',
      links: [],
      createdAt: new Date().toISOString(),
    },
  });
  await page.locator('.bubble.agent', { hasText: '상담원 김민지입니다.' }).waitFor();

  await page.fill('#text', MARKUP);
  await page.click('#send');
  await page.locator('.bubble.bot', { hasText: `답: ${MARKUP}` }).waitFor();
  expect(await page.locator('.log img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.click('#lang-toggle');
  expect(await page.locator('h1').innerText()).toBe('Sotong helpline chat');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.locator('.bubble.agent .who').innerText()).toBe('Agent');
  expect(cspErrors).toEqual([]);
}, 30_000);
