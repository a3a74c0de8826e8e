// The dashboard in a real browser over real traffic: citizens write (some answered by the bot,
// some handed to a person), an agent replies, and the dashboard shows the same numbers the
// metrics API computes, with its charts drawn.
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { horizontalOverflow, signInThroughForm } from './support/pages';
import { UI_PASSWORD, useServerAndBrowser } from './support/ui-server';

jest.setTimeout(120_000);

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const body = await response.json();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

describeWithChromium('dashboard (Chromium)', () => {
  const ui = useServerAndBrowser();

  it('shows volumes, first responses, auto-answer rate, reasons and SLA from the stored traffic', async () => {
    const say = (userId: string, text: string) => json(`${ui.server.url}/api/v1/messages`, { method: 'POST', body: JSON.stringify({ userId, text }) });
    const answers = [
      await say('dash-1', '가족관계증명서 어디서 떼요'),
      await say('dash-2', '상담원 연결해 주세요'),
      await say('dash-3', '사람이랑 대화하고 싶어요'),
    ];
    const agent = await ui.server.user(['agent'], 'dash-agent');
    const { token } = await json(`${ui.server.url}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email: agent.email, password: UI_PASSWORD }) });
    const bearer = { authorization: `Bearer ${token}` };
    const { tickets } = await json(`${ui.server.url}/api/v1/handoffs`, { headers: bearer });
    const handedOff = answers.filter((a) => ['handoff', 'urgent'].includes(a.decision.action)).length;
    expect(handedOff).toBeGreaterThan(0);
    expect(tickets.length).toBe(handedOff);
    await json(`${ui.server.url}/api/v1/handoffs/${tickets[0].id}/messages`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ text: '안녕하세요, 상담원입니다.' }),
    });

    const trainer = await ui.server.user(['trainer'], 'dash-trainer');
    const login = await json(`${ui.server.url}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ email: trainer.email, password: UI_PASSWORD }) });
    const asTrainer = { authorization: `Bearer ${login.token}` };
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const numbers = await json(`${ui.server.url}/api/v1/metrics/dashboard?since=${since}&bucket=day`, { headers: asTrainer });
    const webTotal = numbers.byChannel.filter((p: any) => p.key === 'web').reduce((n: number, p: any) => n + p.count, 0);
    expect(webTotal).toBe(answers.length);
    const asHuman = answers.filter((a) => a.decision.intent === 'chat.human').length;
    expect(numbers.byIntent.filter((p: any) => p.key === 'chat.human').reduce((n: number, p: any) => n + p.count, 0)).toBe(asHuman);
    expect(numbers.firstResponse.human.reduce((a: number, b: number) => a + b, 0)).toBe(1);
    // The honest figures: one ticket answered by a person, the rest still waiting and counted so.
    expect(numbers.tickets.firstResponse).toMatchObject({ tickets: handedOff, answered: 1, waiting: handedOff - 1 });
    expect(numbers.tickets.agents).toEqual([expect.objectContaining({ id: agent.id, handled: 1 })]);
    const metrics = await json(`${ui.server.url}/api/v1/metrics/handoffs?since=${since}`, { headers: asTrainer });
    const autoAnswered = answers.filter((a) => a.decision?.action === 'auto_answer').length;
    expect(metrics.autoAnswer.autoAnswered).toBe(autoAnswered);

    // An agent may not read the supervisors' numbers.
    const denied = await fetch(`${ui.server.url}/api/v1/metrics/dashboard`, { headers: bearer });
    expect(denied.status).toBe(403);

    const page = await ui.browser.page();
    const seen = watchPage(page);
    await page.goto(`${ui.server.url}/dashboard.html`);
    await signInThroughForm(page, trainer.email);
    await page.locator('#app[data-loaded="true"]').waitFor();
    const expectedRate = `${((autoAnswered / metrics.autoAnswer.decisions) * 100).toFixed(1)}%`;
    expect(await page.locator('#kpi-auto .kpi-value').textContent()).toBe(expectedRate);
    expect(await page.locator('#kpi-tickets .kpi-value').textContent()).toBe(String(handedOff));
    // chart.js drew each chart and described it for screen readers.
    for (const id of ['chart-channel', 'chart-intent', 'chart-response', 'chart-reasons']) {
      const label = await page.locator(`#${id}`).getAttribute('aria-label');
      expect(label).toBeTruthy();
    }
    expect(await page.locator('#chart-channel').getAttribute('aria-label')).toContain(`web ${answers.length}`);
    const reasons = Object.entries(metrics.reasons as Record<string, number>);
    expect(reasons.reduce((n, [, c]) => n + c, 0)).toBe(handedOff);
    if (metrics.reasons.requested_human)
      expect(await page.locator('#chart-reasons').getAttribute('aria-label')).toContain(`상담원 요청 ${metrics.reasons.requested_human}`);
    expect(await page.locator('#response-table tbody tr').count()).toBeGreaterThanOrEqual(2);
    const drawn = await page.evaluate(() => {
      const canvas = document.getElementById('chart-response') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
      return painted;
    });
    expect(drawn).toBeGreaterThan(1000);
    // The first-response charts read out each band's count (waits so far move with the clock, so not those).
    const perBand = (counts: number[]) => numbers.firstResponse.bands.map((b: string, i: number) => `${b} ${counts[i]}`).join(', ');
    const responseLabel = await page.locator('#chart-response').getAttribute('aria-label');
    expect(responseLabel).toContain(perBand(numbers.firstResponse.bot));
    expect(responseLabel).toContain(perBand(numbers.firstResponse.human));
    expect(await page.locator('#chart-agent-response').getAttribute('aria-label')).toContain(perBand(numbers.tickets.firstResponse.bands.answered));
    // The honest first-response KPI, per priority and per agent tables.
    expect(await page.locator('#kpi-first-response .kpi-detail').textContent()).toContain(`아직 대기 ${handedOff - 1}건`);
    expect(await page.locator('#priority-table tbody tr').count()).toBe(4);
    expect(await page.locator(`#agent-table tr[data-agent="${agent.id}"] td`).first().textContent()).toBe('1');
    // The 4–9 minute band is shaded even though no ticket falls in it (every wait here is seconds).
    expect(numbers.tickets.firstResponse.bands.answered[3] + numbers.tickets.firstResponse.bands.waiting[3]).toBe(0);
    const shaded = await page.evaluate(() => {
      const canvas = document.getElementById('chart-agent-response') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      // Band 3 of 6 across the plot: sample its middle, a quarter down from the top.
      const pixel = ctx.getImageData(Math.round(canvas.width * 0.6), Math.round(canvas.height * 0.25), 1, 1).data;
      return { r: pixel[0]!, g: pixel[1]!, a: pixel[3]! };
    });
    expect(shaded.a).toBeGreaterThan(0);
    expect(shaded.g).toBeGreaterThan(shaded.r);
    await page.locator('#lang-toggle').click();
    expect(await page.locator('#kpi-first-response .kpi-detail').textContent()).toContain(`${handedOff - 1} still waiting`);
    // The layout holds from a phone to a wide desk, in both languages.
    for (const lang of ['en', 'ko'] as const) {
      if (lang === 'ko') await page.locator('#lang-toggle').click();
      for (const width of [390, 1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        await page.waitForTimeout(100);
        expect({ lang, width, ...(await horizontalOverflow(page)) }).toEqual({ lang, width, overflow: 0, culprits: [] });
        await screenshot(page, `dashboard-${lang}-${width}`);
      }
    }
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
  });
});
