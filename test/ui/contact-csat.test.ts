// The contact panel and the CSAT in Chromium against the real server:
// - an agent opens a web ticket, links the citizen's earlier Kakao ticket through the panel's
//   form, and sees both channels' conversations with intents, outcomes and dates; screenshots at
//   390, 1280 and 1920 px in both languages, with no sideways scrolling;
// - a citizen in the web chat is asked for a rating when the agent resolves, rates in one tap and
//   adds a comment; a trainer sees the rating on the dashboard, in the agent's row and the KPI.
import type { Page } from 'playwright-core';
import { inbound, kakaoCitizen } from '../support/pipeline-fixtures';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { horizontalOverflow, signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(240_000);

const WIDTHS = [390, 1280, 1920] as const;

describeWithChromium('contact panel and CSAT (Chromium)', () => {
  const ui = useServerAndBrowser();

  const staffPage = async (path: string, roles: string[], name: string, lang: 'ko' | 'en'): Promise<{ page: Page; user: { id: string; email: string } }> => {
    const user = await ui.server.user(roles, name);
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    await page.goto(`${ui.server.url}${path}`);
    await page.evaluate((l) => localStorage.setItem('sotong.lang', l), lang);
    await page.reload();
    await signInThroughForm(page, user.email);
    return { page, user };
  };

  it("shows the citizen's linked Kakao history beside the web ticket, in both languages and at every width", async () => {
    const kakaoUser = `kakao-panel-${process.pid}`;
    const kakao = kakaoCitizen(ui.server.pipeline, kakaoUser);
    const kakaoTicket = (await kakao('상담원 연결해 주세요 여권 재발급 문의요')).ticketId!;
    const earlier = await ui.server.user(['agent'], 'panel-earlier');
    await ui.server.handoff.service.claim(kakaoTicket, { id: earlier.id, roles: ['agent'] });
    await ui.server.handoff.service.resolve(kakaoTicket, { id: earlier.id, roles: ['agent'] });
    const webUser = `web-panel-${process.pid}`;
    const { messageId } = await ui.server.pipeline.ingest(
      inbound('상담원 연결해 주세요 지난번 문의 이어서요', { userId: webUser, threadKey: `web:${webUser}` }),
      {
        enqueue: false,
      },
    );
    const webTicket = (await ui.server.pipeline.processInbound(messageId)).ticketId!;

    for (const lang of ['ko', 'en'] as const) {
      const { page } = await staffPage('/console.html', ['agent'], `panel-${lang}`, lang);
      const seen = watchPage(page);
      await page.locator(`.ticket[data-ticket-id="${webTicket}"]`).click();
      const panel = page.locator('#contact-panel[data-loaded="true"]');
      await panel.waitFor();
      if (lang === 'ko') {
        // Only the web identity until the agent links the Kakao ticket through the form.
        expect(await page.locator('.contact-identity').count()).toBe(1);
        await page.fill('#contact-link-ticket', kakaoTicket);
        await page.click('.contact-link button[type="submit"]');
      }
      await page.locator('.contact-identity').nth(1).waitFor();
      const channels = await page.locator('.history-conversation .channel-badge').allTextContents();
      expect(channels).toEqual(lang === 'ko' ? ['웹 채팅', '카카오톡'] : ['Web chat', 'KakaoTalk']);
      const kakaoRow = page.locator('.history-ticket', { hasText: kakaoTicket.slice(-6) });
      expect(await kakaoRow.locator('.outcome').textContent()).toBe(lang === 'ko' ? '해결됨' : 'Resolved');
      expect(await page.locator('.contact-evidence').textContent()).toBe(
        lang === 'ko' ? '상담원이 같은 시민으로 확인' : 'Confirmed the same citizen by an agent',
      );
      expect(await page.locator(`.history-ticket.current[data-ticket-id="${webTicket}"]`).count()).toBe(1);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('#contact-panel').scrollIntoViewIfNeeded();
        const { overflow, culprits } = await horizontalOverflow(page);
        expect({ width, lang, overflow, culprits }).toEqual({ width, lang, overflow: 0, culprits: [] });
        await screenshot(page, `contact-panel-${lang}-${width}`);
      }
      expect(seen.errors).toEqual([]);
      await page.close();
    }
  });

  it('a web chat citizen rates the resolved ticket in one tap, adds a comment, and the dashboard shows it', async () => {
    const chat = await ui.browser.page();
    await chat.goto(`${ui.server.url}/chat.html`);
    await chat.evaluate(() => localStorage.setItem('sotong.lang', 'ko'));
    await chat.reload();
    await chat.fill('#text', '상담원 연결해 주세요 등본 문의요');
    await chat.click('#send');
    await chat.locator('.bubble.bot').first().waitFor();
    const conversationId = await chat.evaluate(() => localStorage.getItem('sotong.conversationId'));
    const ticket = (await ui.server.handoff.deps.tickets.latestForConversation(conversationId!))!;
    const agent = await ui.server.user(['agent'], 'csat-agent');
    const actor = { id: agent.id, roles: ['agent'] };
    await ui.server.handoff.service.claim(ticket.id, actor);
    await ui.server.handoff.service.reply(ticket.id, actor, '정부24에서 발급하실 수 있어요.');
    await ui.server.handoff.service.resolve(ticket.id, actor);

    // The resolve notice arrives live and the rating form follows it.
    const form = chat.locator(`.feedback.rating[data-ticket-id="${ticket.id}"]`);
    await form.waitFor();
    expect(await form.locator('[data-i18n="ratingQuestion"]').textContent()).toBe('상담은 어떠셨나요?');
    await form.locator('button[data-score="4"]').click();
    await form.locator('[data-i18n="ratingThanks"]').waitFor();
    await form.locator('textarea').fill('빠르게 답해 주셨어요');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-i18n="commentThanks"]').waitFor();
    await screenshot(chat, 'chat-csat-ko');
    await chat.click('#lang-toggle');
    expect(await form.locator('[data-i18n="ratingThanks"]').textContent()).toBe('Thank you for your rating.');
    await screenshot(chat, 'chat-csat-en');
    await chat.close();

    for (const lang of ['ko', 'en'] as const) {
      const { page } = await staffPage('/dashboard.html', ['trainer'], `csat-trainer-${lang}`, lang);
      await page.locator('#app[data-loaded="true"]').waitFor();
      const row = page.locator(`#agent-table tr[data-agent="${agent.id}"]`);
      expect(await row.locator('[data-csat]').textContent()).toBe('4.00 (1)');
      expect(await page.locator('#kpi-csat .kpi-value').textContent()).toBe('4.00');
      expect(await page.locator('#kpi-csat h2').textContent()).toBe(lang === 'ko' ? '시민 만족도 (CSAT)' : 'Citizen satisfaction (CSAT)');
      expect(await page.locator('#quality tr[data-period]').count()).toBeGreaterThan(0);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await screenshot(page, `dashboard-csat-${lang}-${width}`);
      }
      await page.close();
    }
  });
});
