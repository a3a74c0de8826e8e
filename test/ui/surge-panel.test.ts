// The console's surge panel and the dashboard's surge list in a real browser against the real
// server (the trainer test app, built through compose): a supervisor sees an open surge with its group of
// waiting tickets, pins an answer, and sends it to the whole group in one click; the tickets are
// closed and each citizen gets the answer. Citizen text in the group is shown as text only.
import type { Page } from 'playwright-core';
import type { Database } from '../../store/database';
import { signature } from '../../surge/minhash';
import { SurgeRepository } from '../../surge/surge-repository';
import { NO_CLARIFY, type TrainerApp } from '../training/trainer-app';
import { describeWithChromium, launchBrowser, screenshot, watchPage, type Browser } from './support/browser';
import { signInThroughForm } from './support/pages';
import { startUiApp, UI_PASSWORD } from './support/ui-server';

jest.setTimeout(180_000);

const WAITING = [
  '궁평 지하차도 침수 통제 언제 풀려요? 상담원 연결해 주세요',
  '오송 지하차도 침수 통제 언제 풀려요? 상담원 연결해 주세요',
  '세곡 지하차도 침수 통제 언제 풀려요 <img src=x onerror=alert(1)> 상담원 연결해 주세요',
];

describeWithChromium('surge panel (Chromium)', () => {
  let database: Database;
  let app: TrainerApp;
  let closeApp: (() => Promise<void>) | undefined;
  let browser: Browser;
  let surgeId: string;

  beforeAll(async () => {
    // Detection would close the surge this test opens by hand: its first run waits an hour.
    ({ app, close: closeApp } = await startUiApp({ policy: NO_CLARIFY, env: { SURGE_TICK_SECONDS: '3600' } }));
    database = app.database;
    // Three citizens asked for a person about the flooded underpasses: three waiting tickets.
    for (const text of WAITING) {
      const res = await fetch(`${app.url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      expect((await res.json()).decision.action).toBe('handoff');
    }
    const at = new Date();
    const row = await new SurgeRepository(database.db).open(
      {
        key: 'topic:1',
        kind: 'topic',
        intent: null,
        region: null,
        count: 42,
        ratePerMin: 4.2,
        baselinePerMin: 1,
        perMinute: [0, 0, 0, 0, 0, 0, 0, 0, 12, 30],
        sampleMessageIds: [],
        topTerms: ['지하차도', '침수', '통제'],
        regions: { 청주시: 12 },
        channels: { x: 20, kakao: 22 },
        reps: [],
        open: true,
      },
      '지하차도 침수 통제',
      WAITING.map((t) => Array.from(signature(t))),
      at,
    );
    surgeId = row.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await closeApp?.();
  });

  const open = async (roles: string[], name: string, page: string): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> => {
    const user = await app.createUser(`${name}-${Date.now()}@ui.test`, roles, UI_PASSWORD, name);
    await browser.context.clearCookies();
    const p = await browser.page();
    const seen = watchPage(p);
    await p.goto(`${app.url}/${page}`);
    await signInThroughForm(p, user.email);
    return { page: p, seen };
  };

  it('a supervisor sees the group, pins an answer and sends it to everyone waiting', async () => {
    const { page, seen } = await open(['agent', 'supervisor'], 'supervisor', 'console.html');
    const card = page.locator(`.surge[data-surge="${surgeId}"]`);
    await card.waitFor();
    await expect(card.locator('.surge-label').textContent()).resolves.toBe('지하차도 침수 통제');
    await card.getByText('대기 티켓 3건').waitFor();
    // Citizen text is text: the <img> is shown, never parsed.
    await card.locator('.surge-samples li', { hasText: '<img src=x onerror=alert(1)>' }).waitFor();
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `surge-console-ko-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await card.locator('summary').click();
    await card.getByLabel('답변 (한국어)').fill('지하차도 통제 구간은 국민재난안전포털에서 확인하세요.');
    await card.getByLabel('답변 (영어)').fill('See the Safety Korea portal for closed underpasses.');
    await card.getByLabel('공식 링크').fill('https://www.safekorea.go.kr');
    await card.getByRole('button', { name: '고정', exact: true }).click();
    await page.locator('#status', { hasText: '고정 답변을 저장했어요.' }).waitFor();
    const broadcast = page.locator(`.surge[data-surge="${surgeId}"]`).getByRole('button', { name: '대기 중 3명에게 보내기' });
    await broadcast.click();
    await page.locator('#status', { hasText: '3명에게 보냈어요.' }).waitFor();

    const tickets = await database.db.selectFrom('tickets').select('status').execute();
    expect(tickets.map((t) => t.status)).toEqual(['resolved', 'resolved', 'resolved']);
    const replies = await database.db.selectFrom('outbox').select('text').where('kind', '=', 'agent_reply').execute();
    expect(replies.map((r) => r.text)).toEqual(Array(3).fill('지하차도 통제 구간은 국민재난안전포털에서 확인하세요.'));
    await page.locator(`.surge[data-surge="${surgeId}"]`).getByText('이 주제로 대기 중인 티켓이 없어요.').waitFor();

    await page.click('#lang-toggle');
    await page.locator(`.surge[data-surge="${surgeId}"]`).getByText('See the Safety Korea portal for closed underpasses.').waitFor();
    for (const width of [390, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `surge-console-en-${width}`);
    }
    await page.click('#lang-toggle');
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await page.close();
  });

  it('an agent sees the surge but no pin or broadcast controls; the dashboard lists it', async () => {
    const { page } = await open(['agent'], 'agent', 'console.html');
    const card = page.locator(`.surge[data-surge="${surgeId}"]`);
    await card.waitFor();
    expect(await card.locator('summary').count()).toBe(0);
    await page.close();

    const dash = await open(['trainer'], 'trainer', 'dashboard.html');
    const item = dash.page.locator(`#surges .surge[data-surge="${surgeId}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('고정 답변 중');
    await screenshot(dash.page, 'surge-dashboard-ko-1280');
    await dash.page.close();
  });
});
