// The console as a workplace, in Chromium against the real server: the layout holds at desk
// widths in both languages, a long transcript opens at the newest message and stays pinned, a
// missed SLA shows as overdue without touching the priority, and a second agent cannot act on a
// ticket someone else owns (disabled buttons; a lost race ends in a toast in the page's language).
import type { Page } from 'playwright-core';
import { handleSlaJob } from '../../handoff/sla-job';

import { inbound } from '../support/pipeline-fixtures';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(180_000);

describeWithChromium('agent console workspace (Chromium)', () => {
  const ui = useServerAndBrowser();
  let citizens = 0;

  /** A citizen's message through the real pipeline (no HTTP rate limit); returns the ticket id if one opened. */
  const say = async (userId: string, text: string): Promise<string | undefined> => {
    const { messageId } = await ui.server.pipeline.ingest(inbound(text, { userId, threadKey: `web:${userId}` }), { enqueue: false });
    return (await ui.server.pipeline.processInbound(messageId)).ticketId;
  };
  const newTicket = async (text = '상담원 연결해 주세요 여권 재발급 문의요'): Promise<{ id: string; userId: string }> => {
    citizens += 1;
    const userId = `ws-citizen-${process.pid}-${citizens}`;
    const id = await say(userId, text);
    if (!id) throw new Error(`"${text}" opened no ticket`);
    return { id, userId };
  };

  const openConsole = async (
    name: string,
    lang: 'ko' | 'en' = 'ko',
    roles = ['agent'],
  ): Promise<{ page: Page; agent: { id: string; email: string }; seen: ReturnType<typeof watchPage> }> => {
    const agent = await ui.server.user(roles, name);
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    const seen = watchPage(page);
    await page.goto(`${ui.server.url}/console.html`);
    await page.evaluate((l) => localStorage.setItem('sotong.lang', l), lang);
    await page.reload();
    await signInThroughForm(page, agent.email);
    await page.locator('#stream-state[data-state="open"]').waitFor();
    return { page, agent, seen };
  };
  const openTicket = async (page: Page, id: string) => {
    await page.locator(`.ticket[data-ticket-id="${id}"]`).click();
    await page.locator('#thread-title').waitFor();
    await page.locator('[data-testid="transcript"]').waitFor();
  };

  it('fits without horizontal scrolling at 1024, 1280 and 1920 px, in Korean and in English', async () => {
    const long = `사람이랑 얘기하고 싶어요 상담원 연결해 주세요 ${'띄어쓰기없이아주길게이어지는문장입니다'.repeat(10)} https://www.gov.kr/${'very-long-path-segment/'.repeat(8)}`;
    const { id } = await newTicket(long);
    for (const lang of ['ko', 'en'] as const) {
      const { page, seen } = await openConsole(`layout-${lang}`, lang);
      await openTicket(page, id);
      await page.locator('.triage-card').waitFor();
      for (const width of [1024, 1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(100);
        const size = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        expect({ lang, width, overflow: size.scroll - size.client }).toEqual({ lang, width, overflow: 0 });
        // Nothing inside the card is cut off either: the score bars and the relabel menu end inside their panel.
        const clipped = await page.evaluate(() => {
          const panel = document.querySelector('.context')!.getBoundingClientRect();
          return Array.from(document.querySelectorAll('.context meter, .context select, .context .score-value'))
            .filter((n) => n.getBoundingClientRect().right > panel.right + 1)
            .map((n) => n.outerHTML.slice(0, 60));
        });
        expect(clipped).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, `console-ticket-${lang}`);
      await page.setViewportSize({ width: 390, height: 844 });
      await screenshot(page, `console-ticket-390-${lang}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await screenshot(page, `console-ticket-1920-${lang}`);
      expect(seen.errors).toEqual([]);
      await page.close();
    }
  });

  it('opens a 30-message ticket at the newest message and stays pinned; "new messages" when scrolled up', async () => {
    const { id, userId } = await newTicket('상담원 연결해 주세요 1번째 메시지');
    for (let n = 2; n <= 30; n += 1) await say(userId, `${n}번째 메시지입니다 확인 부탁드립니다`);
    const { page } = await openConsole('pinned');
    await openTicket(page, id);
    const transcript = page.locator('[data-testid="transcript"]');
    expect(await transcript.locator('li.message.citizen').count()).toBe(30);
    // The newest message is the last one (the bot acknowledges each while the ticket waits).
    await transcript.locator('li.message', { has: page.locator('.text', { hasText: '30번째 메시지' }) }).waitFor();
    await expectNewestInView(page);

    // A new message while at the bottom: still pinned.
    await say(userId, '31번째 메시지: 아직 기다리고 있어요');
    await transcript.locator('li.message', { has: page.locator('.text', { hasText: '31번째 메시지' }) }).waitFor();
    await expectNewestInView(page);

    // Scrolled up to read: the view stays put and offers the jump instead.
    // Message 31's live events may still re-render the thread (pinned, since it was at the bottom
    // then): scroll up until the view stays up for a moment, as an agent reading back would.
    for (let tries = 0; tries < 20; tries++) {
      await transcript.evaluate((n) => (n.scrollTop = 0));
      await page.waitForTimeout(250);
      if ((await transcript.evaluate((n) => n.scrollTop)) === 0) break;
    }
    await say(userId, '32번째 메시지: 답변 언제 되나요');
    await page.locator('#new-messages').waitFor({ state: 'visible' });
    expect(await transcript.evaluate((n) => n.scrollTop)).toBeLessThan(50);
    await page.click('#new-messages');
    await transcript.locator('li.message', { has: page.locator('.text', { hasText: '32번째 메시지' }) }).waitFor();
    await expectNewestInView(page);
    await page.locator('#new-messages').waitFor({ state: 'hidden' });
    await page.close();
  });

  it('a lapsed SLA makes the ticket overdue (badge, view, sort) and leaves its priority alone', async () => {
    const { id } = await newTicket('사람이랑 얘기하고 싶어요 상담원 연결해 주세요');
    const { page } = await openConsole('overdue');
    await openTicket(page, id);
    const row = page.locator(`.ticket[data-ticket-id="${id}"]`);
    await row.locator('.priority[data-priority="high"]').waitFor();
    expect(await row.locator('.overdue-badge').count()).toBe(0);

    // Let the deadline lapse: move it into the past and run the `sla` job, as the job queue would.
    const { db } = ui.server.database;
    await db
      .updateTable('tickets')
      .set({ sla_deadline: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const { sla_deadline: deadline } = await db.selectFrom('tickets').select('sla_deadline').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await handleSlaJob(ui.server.handoff.deps, { ticketId: id, deadline: deadline!.toISOString() })).toEqual({ kind: 'missed' });

    await row.locator('.overdue-badge').waitFor();
    await page.locator('#alerts li').first().waitFor();
    expect(await row.locator('.priority').getAttribute('data-priority')).toBe('high');
    await page.locator('#thread-title .overdue-badge').waitFor();
    expect(await page.locator('#thread-title .priority').getAttribute('data-priority')).toBe('high');
    expect(await page.locator('.triage-card').textContent()).toContain('높음');
    expect((await ui.server.handoff.service.get(id)).priority).toBe('high');
    // Its own view, with a count, and the wait sort puts it first.
    await page.click('.view-tab[data-view="overdue"]');
    await row.waitFor();
    expect(Number(await page.locator('.view-tab[data-view="overdue"] .count').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.queue-list .ticket').evaluateAll((rows) => rows.every((r) => r.querySelector('.overdue-badge')))).toBe(true);
    await page.selectOption('#queue-sort', 'wait');
    expect(await page.locator('.queue-list .ticket').first().locator('.overdue-badge').count()).toBe(1);
    // Urgent looks like nothing else: the overdue badge does not share its colour.
    const colours = await page.evaluate(() => {
      const probe = (cls: string) => {
        const span = document.createElement('span');
        span.className = cls;
        document.body.append(span);
        const style = getComputedStyle(span);
        const out = `${style.backgroundColor}|${style.color}`;
        span.remove();
        return out;
      };
      return {
        urgent: probe('priority priority-urgent'),
        high: probe('priority priority-high'),
        overdue: probe('overdue-badge'),
        normal: probe('priority priority-normal'),
      };
    });
    expect(new Set(Object.values(colours)).size).toBe(4);
    await page.click('.view-tab[data-view="open"]');
    await screenshot(page, 'console-queue-ko');
    await page.close();
  });

  it("gives a second agent disabled actions on someone else's ticket, and a lost race as a toast in the page's language", async () => {
    const { id } = await newTicket();
    const owner = await ui.server.user(['agent'], 'owner');
    await ui.server.handoff.service.claim(id, { id: owner.id, roles: ['agent'] });
    const { page } = await openConsole('second', 'en');
    await openTicket(page, id);
    for (const control of [
      '#claim-button',
      '#resolve-button',
      '#return-button',
      '#transfer-button',
      '#priority-select',
      '#transfer-target',
      '#reply-text',
      '#reply-form button[type="submit"]',
    ]) {
      expect({ control, disabled: await page.locator(control).isDisabled() }).toEqual({ control, disabled: true });
    }
    expect(await page.locator('#resolve-button').getAttribute('title')).toContain('Another agent owns this ticket');
    // Notes and relabels stay open to everyone.
    expect(await page.locator('#note-text').isDisabled()).toBe(false);

    // A waiting ticket: resolve is allowed, the dialog says what it does; someone claims it meanwhile.
    const { id: other } = await newTicket('상담원 연결해 주세요 운전면허 갱신 문의');
    await openTicket(page, other);
    await page.click('#resolve-button');
    await page.locator('#confirm-dialog[open]').waitFor();
    expect(await page.locator('#confirm-body').textContent()).toContain('The citizen is told');
    await ui.server.handoff.service.claim(other, { id: owner.id, roles: ['agent'] });
    await page.click('#confirm-ok');
    const toast = page.locator('#toasts .toast');
    await toast.waitFor();
    const text = (await toast.textContent()) ?? '';
    expect(text).not.toMatch(/SOTONG_ERR|HTTP_\d/);
    expect(text).not.toMatch(/[가-힣]/);
    expect(text.length).toBeGreaterThan(5);
    // The toast did not land in the confirmation line.
    expect(await page.locator('#status').textContent()).not.toContain(text.slice(0, 10));
    await page.close();
  });
});

/**
 * The newest message of the transcript on screen now is inside the transcript's visible box. Read
 * afresh on each poll: a live event re-renders the thread, so an element found earlier is detached.
 */
async function expectNewestInView(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const list = document.querySelector('[data-testid="transcript"]');
      const items = list?.querySelectorAll('li.message');
      const newest = items?.[items.length - 1];
      if (!list || !newest) return false;
      const box = newest.getBoundingClientRect();
      const view = list.getBoundingClientRect();
      return box.top >= view.top - 1 && box.bottom <= view.bottom + 1 && box.height > 0;
    },
    undefined,
    { timeout: 10_000 },
  );
}
