// The trainer studio in a real browser against the real server: a citizen's question the bot is
// unsure of lands in the inbox; the trainer adds it as an example in one click, trains, reads the
// evaluation and publishes; the citizen asks the same question again and the bot answers it.
import { smallCatalog } from '../training/fixtures';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { UI_PASSWORD, useServerAndBrowser } from './support/ui-server';

jest.setTimeout(180_000);

/**
 * A family-relation question in words the (cut-down) catalog does not use, so the bot is unsure
 * of it before training. ("증명서 뽑는 곳" no longer is: since the certificate examples grew, the
 * cut-down model answers it outright, as cert.seal.)
 */
const QUESTION = '입양 서류 뭐 떼야 돼';
const INTENT = 'cert.family_relation';

describeWithChromium('trainer studio (Chromium)', () => {
  const ui = useServerAndBrowser();

  const lastDecision = () =>
    ui.server.database.db
      .selectFrom('decisions')
      .innerJoin('messages', 'messages.id', 'decisions.message_id')
      .select(['decisions.action', 'decisions.intent', 'decisions.model_version'])
      .where('messages.text', '=', QUESTION)
      .orderBy('decisions.created_at', 'desc')
      .executeTakeFirstOrThrow();

  const returnToBot = async (conversationId: string) => {
    const agent = await ui.server.user(['agent'], 'studio-agent');
    const login = await fetch(`${ui.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: agent.email, password: UI_PASSWORD }),
    });
    const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}`, 'content-type': 'application/json' };
    const { tickets } = (await (await fetch(`${ui.server.url}/api/v1/handoffs`, { headers })).json()) as { tickets: { id: string; conversationId: string }[] };
    const mine = tickets.filter((t) => t.conversationId === conversationId);
    expect(mine).toHaveLength(1);
    const back = await fetch(`${ui.server.url}/api/v1/handoffs/${mine[0]!.id}/return-to-bot`, { method: 'POST', headers, body: '{}' });
    expect(back.status).toBe(200);
  };

  it('inbox → example → train → evaluation → publish, and the same question is then auto-answered', async () => {
    const firstVersion = ui.server.registry.version();
    const chat = await ui.browser.page();
    await chat.goto(`${ui.server.url}/chat.html`);
    await chat.fill('#text', QUESTION);
    const [first] = await Promise.all([chat.waitForResponse((r) => r.url().endsWith('/api/v1/messages')), chat.click('#send')]);
    const asked = (await first.json()) as { conversationId: string; decision: { action: string } };
    // Unsure (clarify, hand off or decline, depending on the catalog of the day), never answered.
    expect(['clarify', 'handoff', 'decline']).toContain(asked.decision.action);

    const trainer = await ui.server.user(['trainer'], 'studio-trainer');
    const page = await ui.browser.page();
    const seen = watchPage(page);
    await page.goto(`${ui.server.url}/studio.html`);
    await signInThroughForm(page, trainer.email);
    await page.locator('#app[data-loaded="true"]').waitFor();

    // The intents list carries example counts.
    const row = page.locator('#intents-table tr', { has: page.locator(`[data-intent="${INTENT}"]`) });
    const before = Number(await row.locator('td').nth(3).textContent());
    expect(before).toBeGreaterThanOrEqual(smallCatalog().byId.get(INTENT)!.examples.ko.length);

    // One click in the inbox makes the message an example of the chosen intent.
    const item = page.locator('.inbox-item', { hasText: QUESTION });
    await item.waitFor();
    await item.locator('select').selectOption(INTENT);
    await item.locator('.add-example').click();
    await page.locator('#status', { hasText: INTENT }).waitFor();
    await page.locator('.inbox-item', { hasText: QUESTION }).waitFor({ state: 'detached' });
    await page.locator(`#intents-table tr:has([data-intent="${INTENT}"]) td:nth-child(4)`, { hasText: String(before + 1) }).waitFor();

    // The editor warns as you type: the same text again, and another intent's example.
    await page.click(`[data-intent="${INTENT}"]`);
    await page.locator('#examples-list', { hasText: QUESTION }).waitFor();
    await page.fill('#example-input', QUESTION);
    await page.locator('#example-overlaps .conflict').waitFor();
    expect(await page.locator('#example-form button[type="submit"]').isDisabled()).toBe(true);
    const other = smallCatalog().byId.get('cert.seal')!.examples.ko[0]!;
    await page.fill('#example-input', other);
    await page.locator('#example-overlaps .conflict', { hasText: 'cert.seal' }).waitFor();
    await page.fill('#example-input', '');

    // The X preview counts weighted characters.
    const counter = page.locator('#answers .counter').first();
    expect(Number(await counter.getAttribute('data-weight'))).toBeGreaterThan(0);

    // Train with progress, then read the evaluation.
    await page.click('#train-button');
    await page.locator('#train-status', { hasText: '학습 완료' }).waitFor({ timeout: 120_000 });
    const trainedText = (await page.locator('#train-status').textContent())!;
    const version = trainedText.slice(trainedText.indexOf(':') + 1).trim();
    expect(version).not.toBe(firstVersion);
    await page.locator('#evaluation-title', { hasText: version }).waitFor();
    expect(await page.locator('#per-intent tbody tr').count()).toBe(smallCatalog().intents.length);
    expect(await page.locator('#eval-accuracy').textContent()).toMatch(/%$/);
    expect(await page.locator('#chart-curve').getAttribute('aria-label')).toContain('0.85');
    expect(await page.locator('#chart-calibration').getAttribute('aria-label')).toContain('ECE');

    // Publish the draft from the version history.
    await page.locator(`#versions-table button[data-action="publish"][data-version="${version}"]`).click();
    await page.locator('#status', { hasText: version }).waitFor();
    await page.locator(`#versions-table tr[data-version="${version}"].live`).waitFor();
    expect(ui.server.registry.version()).toBe(version);
    await screenshot(page, 'studio');

    // A low-confidence handoff opened a ticket, and the bot keeps quiet on a thread a person
    // owns: an agent hands it back, as they would once the bot knows the answer.
    if (asked.decision.action === 'handoff') await returnToBot(asked.conversationId);

    // The citizen asks the very same question: now the bot answers it.
    const botBubbles = chat.locator('.bubble.bot');
    const shown = await botBubbles.count();
    await chat.fill('#text', QUESTION);
    const [response] = await Promise.all([chat.waitForResponse((r) => r.url().endsWith('/api/v1/messages')), chat.click('#send')]);
    const answer = (await response.json()) as { decision: unknown; reply: { text: string } | null };
    expect(answer.decision).toMatchObject({ action: 'auto_answer', intent: INTENT });
    await chat
      .locator('.bubble.bot', { hasText: answer.reply!.text.slice(0, 20) })
      .nth(0)
      .waitFor();
    expect(await botBubbles.count()).toBe(shown + 1);
    const decision = await lastDecision();
    expect(decision).toMatchObject({ action: 'auto_answer', intent: INTENT, model_version: version });
    expect(seen.errors).toEqual([]);
    expect(seen.cspViolations).toEqual([]);
  });

  it('the test box shows top intents, entities and the action', async () => {
    const trainer = await ui.server.user(['trainer'], 'studio-tester');
    await ui.browser.context.clearCookies();
    const page = await ui.browser.page();
    await page.goto(`${ui.server.url}/studio.html`);
    await signInThroughForm(page, trainer.email);
    await page.locator('#app[data-loaded="true"]').waitFor();
    await page.fill('#test-input', '상담원 연결해 주세요');
    await page.click('#test-form button[type="submit"]');
    await page.locator('#test-action').waitFor();
    expect(await page.locator('#test-action').textContent()).toBe('handoff');
    expect(await page.locator('#test-result .intent-guesses li').first().textContent()).toContain('chat.human');
  });
});
