// The Korean clarify flow in real Chromium over the system built through compose (PGlite,
// in-process jobs) and the real triage, with the first-start model trained from the catalog: "증명서" gets a question with one button
// per candidate, and tapping one answers it. A second unclear answer goes to a person.
import { chromium, type Browser } from 'playwright-core';
import { loadCatalog } from '../../intents/loader';
import { startComposedServer, type ComposedServer } from '../support/composed-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const catalog = loadCatalog();
const name = (id: string) => catalog.byId.get(id)!.name.ko;

let app: ComposedServer;
let browser: Browser;
beforeAll(async () => {
  // The production start: the registry seeds the full catalog and trains the first model from it.
  app = await startComposedServer('pglite');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  // Training the catalog model takes ~3 s on an idle machine, far longer on a loaded one.
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('"증명서" → one button per certificate → tapping one answers it', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${app.url}/chat.html`);
  await page.fill('#text', '증명서');
  await page.click('#send');
  await page.locator('.bubble.bot', { hasText: '어떤 내용을 찾으시나요?' }).waitFor();
  const buttons = page.locator('#quick-replies button');
  await buttons.last().waitFor();
  const labels = await buttons.allInnerTexts();
  expect([...labels].sort()).toEqual([name('cert.family_relation'), name('cert.resident_registration'), name('cert.seal'), '상담원 연결'].sort());
  await page.screenshot({ path: 'test/artifacts/chat-clarify-ko-390.png', fullPage: true });

  await page.locator('#quick-replies button', { hasText: name('cert.resident_registration') }).click();
  const answer = catalog.byId.get('cert.resident_registration')!.answers[0]!.private.ko;
  await page.locator('.bubble.bot', { hasText: answer.split('\n')[0]! }).waitFor();
  expect(await page.locator('#quick-replies button').count()).toBe(0);
  await page.screenshot({ path: 'test/artifacts/chat-clarify-ko-answered-390.png', fullPage: true });
  await page.close();
}, 60_000);

test('a second unclear answer after the question goes to a person', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.url}/chat.html`);
  await page.fill('#text', '증명서');
  await page.click('#send');
  await page.locator('#quick-replies button').last().waitFor();
  await page.fill('#text', '그거요');
  await page.click('#send');
  await page.locator('.bubble.bot', { hasText: '담당 상담사에게 연결했어요' }).waitFor();
  const conversationId = await page.evaluate(() => window.localStorage.getItem('sotong.conversationId'));
  const decisions = await app.composed.database.db
    .selectFrom('decisions')
    .innerJoin('messages', 'messages.id', 'decisions.message_id')
    .select(['decisions.action', 'decisions.reason'])
    .where('messages.conversation_id', '=', conversationId!)
    .orderBy('decisions.created_at')
    .execute();
  expect(decisions).toEqual([
    { action: 'clarify', reason: 'ambiguous' },
    { action: 'handoff', reason: 'ambiguous' },
  ]);
  await page.close();
}, 60_000);
