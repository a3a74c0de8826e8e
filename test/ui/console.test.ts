// The agent console in a real browser against the real server: an agent signs in, a citizen's
// message arrives live, the agent claims and replies, and the citizen's chat page shows the reply.
// Citizen text with HTML in it is shown as text and runs nothing.
import type { Page } from 'playwright-core';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(120_000);

describeWithChromium('agent console (Chromium)', () => {
  const ui = useServerAndBrowser();

  const openConsole = async (name: string): Promise<{ page: Page; seen: ReturnType<typeof watchPage> }> => {
    const agent = await ui.server.user(['agent'], name);
    // Each test signs in as its own agent: no session carried over from the one before.
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    const seen = watchPage(page);
    await page.goto(`${ui.server.url}/console.html`);
    await signInThroughForm(page, agent.email);
    await page.locator('#stream-state[data-state="open"]').waitFor();
    return { page, seen };
  };

  it('shows a new ticket live; the agent claims and replies; the citizen sees the reply', async () => {
    const { page: consolePage, seen } = await openConsole('agent-live');
    await consolePage.locator('#queue-list').getByText('대기 중인 문의가 없습니다.').waitFor();

    const chat = await ui.browser.page();
    await chat.goto(`${ui.server.url}/chat.html`);
    await chat.fill('#text', '상담원 연결해 주세요 여권 재발급 문의요');
    await chat.click('#send');

    // Arrives over the event stream: the console never reloads.
    const ticket = consolePage.locator('.ticket', { hasText: '여권 재발급 문의요' });
    await ticket.waitFor();
    await expectText(consolePage.locator('#announcer'), '새 문의');
    await ticket.click();
    await consolePage.locator('.triage-card').waitFor();
    await expectText(consolePage.locator('.triage-card'), 'chat.human');
    await expectText(consolePage.locator('.triage-card'), '상담원 요청');

    await consolePage.click('#claim-button');
    await expectText(consolePage.locator('#status'), '담당자로 지정되었습니다.');
    await expectText(consolePage.locator('.ticket', { hasText: '여권 재발급 문의요' }), '내 담당');

    const reply = '여권 재발급은 가까운 구청 여권과에서 신청하실 수 있습니다.';
    await consolePage.keyboard.press('r');
    await consolePage.keyboard.type(reply);
    await consolePage.click('#reply-form button[type="submit"]');
    await expectText(consolePage.locator('#status'), '답장을 보냈습니다.');

    await chat.locator('.bubble.agent', { hasText: reply }).waitFor();
    await consolePage.locator('#transcript .message.agent', { hasText: reply }).waitFor();
    await screenshot(consolePage, 'console');

    // Resolve: the dialog says what happens, the citizen is told in their chat, and the bot answers the next FAQ.
    await consolePage.click('#resolve-button');
    await consolePage.locator('#confirm-dialog[open]').waitFor();
    expect(await consolePage.locator('#confirm-body').textContent()).toContain('시민에게 문의가 해결되었다고');
    await consolePage.click('#confirm-ok');
    await expectText(consolePage.locator('#status'), '해결 완료로 닫았습니다.');
    await chat.locator('.bubble', { hasText: '상담원이 문의를 해결 완료로 처리했어요' }).waitFor();
    await chat.fill('#text', '가족관계증명서 인터넷으로 발급하고 싶어요');
    await chat.click('#send');
    await chat.locator('.bubble.bot', { hasText: 'efamily' }).or(chat.locator('.bubble.bot a[href*="efamily"]')).first().waitFor({ timeout: 20_000 });
    await screenshot(chat, 'chat');
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
    await chat.close();
    await consolePage.close();
  });

  it('renders citizen HTML as text: no image loads, no script runs', async () => {
    const { page, seen } = await openConsole('agent-xss');
    const hostile = '상담원 연결해 주세요 <img src=x onerror=alert(1)> <script>alert(2)</script>';
    const posted = await fetch(`${ui.server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'xss-citizen-1', text: hostile }),
    });
    expect(posted.status).toBe(201);

    const ticket = page.locator('.ticket', { hasText: '<img src=x onerror=alert(1)>' });
    await ticket.waitFor();
    await ticket.click();
    const citizenLine = page.locator('#transcript .message.citizen').first();
    await citizenLine.waitFor();
    expect(await citizenLine.locator('.text').textContent()).toBe(hostile);
    // Neither the queue nor the thread made elements out of the text.
    expect(await page.locator('main img, main script').count()).toBe(0);
    // Give an onerror handler time to fire if one had been created.
    await page.waitForTimeout(300);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);

    // Relabel (from the taxonomy list: agents may not read the trainer's catalog) and transfer.
    await page.selectOption('#relabel-intent', 'passport.issue');
    await page.click('#relabel-form button[type="submit"]');
    await page.locator('#status', { hasText: '학습 후보로 저장' }).waitFor();
    const candidate = await ui.server.database.db
      .selectFrom('training_candidates' as never)
      .selectAll()
      .execute();
    expect(candidate).toEqual([expect.objectContaining({ intent: 'passport.issue', source: 'relabel' })]);
    // Transfer picks a configured department queue; the card follows.
    expect(await page.locator('#transfer-target option[value^="queue:"]').count()).toBeGreaterThan(2);
    await page.selectOption('#transfer-target', 'queue:documents');
    await page.click('#transfer-button');
    await page.locator('#status', { hasText: '이관했습니다.' }).waitFor();
    await page.locator('.triage-card .facts dd', { hasText: 'documents' }).waitFor();
    await page.close();
  });

  it('marks a new urgent ticket in the title; j, c and e pick it, claim it and resolve it', async () => {
    const { page } = await openConsole('agent-urgent');
    const posted = await fetch(`${ui.server.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'urgent-citizen-1', text: '집에 불이 났어요 살려주세요' }),
    });
    expect(((await posted.json()) as { decision: { action: string } }).decision.action).toBe('urgent');
    await page.locator('.ticket.is-urgent .priority-urgent').first().waitFor();
    await page.waitForFunction(() => document.title.includes('긴급 문의'));

    // Urgent sorts first, so j opens it; c claims; e resolves and it leaves the queue.
    await page.locator('body').press('j');
    await page.locator('#thread-title', { hasText: '긴급' }).waitFor();
    await page.locator('body').press('c');
    await page.locator('#status', { hasText: '담당자로 지정되었습니다.' }).waitFor();
    const id = await page.locator('.ticket[aria-current="true"]').getAttribute('data-ticket-id');
    await page.locator('body').press('e');
    await page.locator('#confirm-dialog[open]').waitFor();
    await page.click('#confirm-ok');
    await page.locator('#status', { hasText: '해결 완료로 닫았습니다.' }).waitFor();
    await page.locator(`.ticket[data-ticket-id="${id}"]`).waitFor({ state: 'detached' });
    await page.close();
  });

  it('switches to English and remembers it; shortcuts are listed with ?', async () => {
    const { page } = await openConsole('agent-lang');
    await page.locator('#stream-state[data-state="open"]').waitFor();
    await page.click('#lang-toggle');
    await expectText(page.locator('#queue-title'), 'Queue');
    // The live-connection label follows the switch too, without waiting for a reconnect.
    expect(await page.locator('#stream-state').textContent()).toBe('Live');
    await page.reload();
    await page.locator('#stream-state[data-state="open"]').waitFor();
    await expectText(page.locator('#queue-title'), 'Queue');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.locator('body').press('?');
    const dialog = page.locator('#shortcuts-dialog');
    await dialog.waitFor({ state: 'visible' });
    for (const key of ['j', 'k', 'c', 'r', 'e', 'b']) await expectText(dialog.locator('kbd', { hasText: key }).first(), key);
    await expectText(dialog, 'Claim');
    await page.click('#shortcuts-close');
    await page.click('#lang-toggle');
    await page.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}
