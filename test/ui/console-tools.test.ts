// The console's working tools in Chromium against the real server: the server's views with
// counts, search, the latest-message preview and snooze; canned responses kept in the studio and
// inserted with `/` in the reply box; transfer to an agent; notifications (the unread count in
// the tab title, an opt-in desktop notification) for new urgent tickets and replies on my tickets.
import type { Page } from 'playwright-core';
import { inbound } from '../support/pipeline-fixtures';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(180_000);

describeWithChromium('console tools (Chromium)', () => {
  const ui = useServerAndBrowser();
  let citizens = 0;

  const say = async (userId: string, text: string): Promise<string | undefined> => {
    const { messageId } = await ui.server.pipeline.ingest(inbound(text, { userId, threadKey: `web:${userId}` }), { enqueue: false });
    return (await ui.server.pipeline.processInbound(messageId)).ticketId;
  };
  const newTicket = async (...texts: string[]): Promise<{ id: string; userId: string }> => {
    citizens += 1;
    const userId = `tools-citizen-${process.pid}-${citizens}`;
    let id: string | undefined;
    for (const text of texts) id = (await say(userId, text)) ?? id;
    if (!id) throw new Error(`"${texts.join(' / ')}" opened no ticket`);
    return { id, userId };
  };
  const openPage = async (path: string, roles: string[], name: string, lang: 'ko' | 'en' = 'ko') => {
    const user = await ui.server.user(roles, name);
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    const seen = watchPage(page);
    await page.goto(`${ui.server.url}${path}`);
    await page.evaluate((l) => localStorage.setItem('sotong.lang', l), lang);
    await page.reload();
    await signInThroughForm(page, user.email);
    return { page, user, seen };
  };
  const openConsole = async (name: string, lang: 'ko' | 'en' = 'ko') => {
    const opened = await openPage('/console', ['agent'], name, lang);
    await opened.page.locator('#stream-state[data-state="open"]').waitFor();
    return opened;
  };
  const count = async (page: Page, view: string) => Number(await page.locator(`.view-tab[data-view="${view}"] .count`).textContent());
  const row = (page: Page, id: string) => page.locator(`.ticket[data-ticket-id="${id}"]`);

  it('views with counts, search, the escalating message as subject, the latest message as preview, and snooze', async () => {
    // The citizen greets first; the ticket's subject is the message that asked for a person.
    const greeted = await newTicket('안녕하세요', '여권 재발급 때문에 상담원 연결해 주세요');
    const other = await newTicket('운전면허 갱신 문의인데 상담원 연결해 주세요');
    await say(other.userId, '혹시 토요일에도 되나요');
    const { page, user } = await openConsole('views');
    await row(page, greeted.id).waitFor();
    expect(await row(page, greeted.id).locator('.subject').textContent()).toContain('여권 재발급 때문에');
    // The preview is the conversation's latest message, whoever wrote it (here the bot's acknowledgement of the citizen's question).
    const latest = await ui.server.database.db
      .selectFrom('messages')
      .innerJoin('tickets', 'tickets.conversation_id', 'messages.conversation_id')
      .select(['messages.text', 'messages.author'])
      .where('tickets.id', '=', other.id)
      .orderBy('messages.created_at', 'desc')
      .orderBy('messages.id', 'desc')
      .executeTakeFirstOrThrow();
    await row(page, other.id)
      .locator('.preview', { hasText: latest.text.slice(0, 30) })
      .waitFor();
    expect(await row(page, other.id).locator('.preview-author').textContent()).toBe(`${{ citizen: '시민', bot: '봇', agent: '상담원' }[latest.author]}: `);
    for (const view of ['open', 'mine', 'unassigned', 'overdue', 'snoozed', 'resolved']) await page.locator(`.view-tab[data-view="${view}"]`).waitFor();
    const openBefore = await count(page, 'open');
    expect(openBefore).toBeGreaterThanOrEqual(2);

    // Search: words of a message, then the ticket id.
    await page.fill('#queue-search', '토요일에도');
    await page.waitForFunction(
      (id) => document.querySelectorAll('.queue-list .ticket').length === 1 && !!document.querySelector(`.ticket[data-ticket-id="${id}"]`),
      other.id,
    );
    await page.fill('#queue-search', greeted.id.slice(0, 18).toLowerCase());
    await page.waitForFunction(
      (id) => document.querySelectorAll('.queue-list .ticket').length === 1 && !!document.querySelector(`.ticket[data-ticket-id="${id}"]`),
      greeted.id,
    );
    await page.fill('#queue-search', '');
    await row(page, other.id).waitFor();

    // Claim it: it is in "mine"; snooze it: it leaves the open views for "snoozed" until its time.
    await row(page, greeted.id).click();
    await page.click('#claim-button');
    await page.locator('#status', { hasText: '담당자로 지정되었습니다.' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('.view-tab[data-view="mine"] .count')?.textContent) === 1);
    await page.click('#snooze-button');
    await page.locator('#status', { hasText: '까지 미뤘습니다.' }).waitFor();
    await row(page, greeted.id).waitFor({ state: 'detached' });
    await page.waitForFunction((n) => Number(document.querySelector('.view-tab[data-view="open"] .count')?.textContent) === n - 1, openBefore);
    expect(await count(page, 'snoozed')).toBe(1);
    expect(await count(page, 'mine')).toBe(0);
    await page.click('.view-tab[data-view="snoozed"]');
    await row(page, greeted.id).locator('.snoozed-badge').waitFor();
    const snoozed = await ui.server.handoff.service.get(greeted.id);
    expect(snoozed.snoozedUntil!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect((await ui.server.handoff.deps.audit.forTarget(greeted.id)).map((r) => [r.action, r.actor])).toContainEqual(['ticket.snooze', user.id]);
    // Woken from the thread: back in the open views.
    await row(page, greeted.id).click();
    await page.click('#snooze-button');
    await page.locator('#status', { hasText: '다시 대기열에 올렸습니다.' }).waitFor();
    await page.waitForFunction(() => Number(document.querySelector('.view-tab[data-view="snoozed"] .count')?.textContent) === 0);
    await page.click('.view-tab[data-view="mine"]');
    await row(page, greeted.id).waitFor();
    await page.close();
  });

  it('a trainer adds a canned response in the studio; an agent inserts it with / and the keyboard, variables filled', async () => {
    const { page: studio } = await openPage('/studio', ['trainer'], 'canned-trainer');
    const form = studio.locator('#canned form.canned-form[data-canned-id=""]');
    await form.waitFor();
    await form.locator('.canned-title').fill('주민등록등본 / Resident copy');
    await form.locator('.canned-ko').fill('{citizen_name}님 주민등록등본은 정부24에서 바로 발급됩니다. 문의 번호 {ticket_id}');
    await form.locator('.canned-en').fill('Get the resident copy on Gov24. Ticket {ticket_id}');
    await form.locator('button[type="submit"]').click();
    await studio.locator('#canned details summary', { hasText: '주민등록등본 / Resident copy' }).waitFor();
    // An unknown variable is refused with the server's message, nothing saved.
    await form.locator('.canned-title').fill('bad');
    await form.locator('.canned-ko').fill('{주민번호} 알려주세요');
    await form.locator('.canned-en').fill('Your {ssn}');
    await form.locator('button[type="submit"]').click();
    await studio.locator('#toasts .toast, #status', { hasText: '{ssn}' }).first().waitFor();
    expect(await studio.locator('#canned details summary', { hasText: 'bad' }).count()).toBe(0);
    await screenshot(studio, 'studio-canned-ko');
    await studio.close();

    const { id } = await newTicket('상담원 연결해 주세요 등본 발급 문의요');
    const { page } = await openConsole('canned-agent');
    await row(page, id).click();
    await page.click('#claim-button');
    await page.locator('#status', { hasText: '담당자로 지정되었습니다.' }).waitFor();
    const reply = page.locator('#reply-text');
    await reply.click();
    await reply.pressSequentially('안녕하세요. /등본');
    const picker = page.locator('#canned-picker');
    await picker.waitFor({ state: 'visible' });
    expect(await reply.getAttribute('aria-expanded')).toBe('true');
    await picker.locator('[role="option"]', { hasText: '주민등록등본 / Resident copy' }).waitFor();
    expect(await picker.locator('[role="option"]').count()).toBe(1);
    await screenshot(page, 'console-canned-picker-ko');
    await reply.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    // No citizen name is known on web chat: the name and its honorific are left out.
    expect(await reply.inputValue()).toBe(`안녕하세요. 주민등록등본은 정부24에서 바로 발급됩니다. 문의 번호 ${id}`);
    // Arrow keys move through the seeded ones; Escape closes without inserting.
    await reply.fill('');
    await reply.pressSequentially('/');
    expect(await picker.locator('[role="option"]').count()).toBeGreaterThanOrEqual(5);
    await reply.press('ArrowDown');
    expect(await picker.locator('[aria-selected="true"]').getAttribute('id')).toBe('canned-option-1');
    await reply.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    expect(await reply.inputValue()).toBe('/');
    await reply.fill('/등본');
    await reply.press('Tab');
    await page.click('#reply-form button[type="submit"]');
    await page.locator('#status', { hasText: '답장을 보냈습니다.' }).waitFor();
    await page.locator('#transcript .message.agent', { hasText: `문의 번호 ${id}` }).waitFor();
    await page.close();
  });

  it('transfers to another agent: the header, card and queue row follow', async () => {
    const colleague = await ui.server.user(['agent'], 'colleague');
    const { id } = await newTicket('여권 분실 신고 상담원 연결해 주세요');
    const { page } = await openConsole('transfer', 'en');
    await row(page, id).click();
    await page.locator(`#transfer-target option[value="agent:${colleague.id}"]`).waitFor({ state: 'attached' });
    await page.selectOption('#transfer-target', `agent:${colleague.id}`);
    await page.click('#transfer-button');
    await page.locator('#status', { hasText: 'Transferred to colleague' }).waitFor();
    await page.locator('#thread-title', { hasText: 'Assigned' }).waitFor();
    await row(page, id).locator('.owner', { hasText: 'Another agent' }).waitFor();
    expect((await ui.server.handoff.service.get(id)).assignee).toBe(colleague.id);
    // Owned by someone else now: my actions are disabled.
    expect(await page.locator('#resolve-button').isDisabled()).toBe(true);
    await page.close();
  });

  it('counts unread in the tab title and sends opt-in desktop notifications for urgent tickets and replies on my tickets', async () => {
    await ui.browser.context.grantPermissions(['notifications'], { origin: ui.server.url });
    const { page, user } = await openConsole('notify');
    // Record what the page shows as desktop notifications (the browser's own would go to the OS).
    await page.evaluate(() => {
      const shown: { title: string; body: string }[] = [];
      (window as unknown as { shown: typeof shown }).shown = shown;
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      window.Notification = Recorded as typeof Notification;
    });
    const shown = () => page.evaluate(() => (window as unknown as { shown: { title: string; body: string }[] }).shown);
    const base = await page.title();
    expect(base).toBe('소통 상담원 콘솔');
    await page.check('#notify-desktop');
    await page.waitForFunction(() => localStorage.getItem('sotong.notify.desktop') === 'on');

    // A new urgent ticket: counted in the title, and a desktop notification.
    const urgent = await newTicket('집에 불이 났어요 살려주세요');
    await page.waitForFunction(() => document.title.startsWith('(1) ') && document.title.includes('긴급 문의'));
    expect(await shown()).toEqual([expect.objectContaining({ title: '긴급 문의!', body: expect.stringContaining('불이 났어요') })]);
    // A non-urgent one is not notified.
    const mine = await newTicket('상담원 연결해 주세요 건강보험 문의');
    await row(page, mine.id).waitFor();
    expect(await page.title()).toMatch(/^\(1\) /);

    // Opening the urgent ticket reads it.
    await row(page, urgent.id).click();
    await page.waitForFunction((title) => document.title === title, base);
    // My ticket: a citizen reply while I look elsewhere counts and notifies.
    await ui.server.handoff.service.claim(mine.id, { id: user.id, roles: ['agent'] });
    await page.waitForFunction((id) => document.querySelector(`.ticket[data-ticket-id="${id}"] .owner`)?.textContent?.includes('내 담당'), mine.id);
    await say(mine.userId, '아직 답변 기다리고 있어요');
    await page.waitForFunction(() => document.title.startsWith('(1) ') && !document.title.includes('긴급'));
    expect((await shown()).at(-1)).toEqual(expect.objectContaining({ body: expect.stringContaining('아직 답변 기다리고') }));
    await row(page, mine.id).click();
    await page.waitForFunction((title) => document.title === title, base);
    // The choice is remembered.
    await page.reload();
    await page.locator('#stream-state[data-state="open"]').waitFor();
    expect(await page.isChecked('#notify-desktop')).toBe(true);
    await page.close();
  });
});
