// Answers are content, not model: a trainer edits an answer in the studio, and the citizen's
// very next question in the web chat gets the new text, with no training and the same model.
import { saveLinkCheck } from '../../freshness/link-check-repository';
import { describeWithChromium, screenshot, watchPage } from './support/browser';
import { signInThroughForm } from './support/pages';
import { useServerAndBrowser } from './support/ui-server';

jest.setTimeout(180_000);

const INTENT = 'passport.issue';
const QUESTION = '여권 재발급은 어디서 하나요?';
const NEW_TEXT = '[수정됨] 여권 재발급은 가까운 시·군·구청 여권 민원실에서 바로 신청하세요.';

describeWithChromium('an answer edited in the studio (Chromium)', () => {
  const ui = useServerAndBrowser();

  it('reaches the web chat at once, without training', async () => {
    const version = ui.server.registry.version();
    // The link checker found one of the answer's links gone.
    const brokenUrl = ui.server.registry
      .catalog()
      .byId.get(INTENT)!
      .links.find((l) => l.url.startsWith('https://'))!.url;
    await saveLinkCheck(ui.server.database.db, { url: brokenUrl, status: 'broken', httpStatus: 404, finalUrl: null, error: null }, new Date());
    const trainer = await ui.server.user(['trainer'], 'answer-editor');
    const studio = await ui.browser.page();
    const seen = watchPage(studio);
    await studio.goto(`${ui.server.url}/studio.html`);
    await signInThroughForm(studio, trainer.email);
    await studio.locator('#app[data-loaded="true"]').waitFor();
    // Broken links and answers without a review date are listed.
    await studio.locator(`#freshness #broken-links li[data-url="${brokenUrl}"]`).waitFor();
    await studio.locator(`#freshness #answers-due li[data-intent="${INTENT}"]`).first().waitFor();
    await studio.click(`[data-intent="${INTENT}"]`);

    // The studio says which edits are live at once and which need training.
    await studio.locator('#answers-live-note').waitFor();
    await studio.locator('#examples-training-note').waitFor();
    await studio.fill('#answer-0-private-ko', NEW_TEXT);
    await studio.locator('#preview-0 .bubble-text', { hasText: NEW_TEXT }).first().waitFor();
    await studio.click('#save-answers');
    await studio.locator('#status', { hasText: '답변을 저장했습니다' }).waitFor();
    await screenshot(studio, 'studio-answer-live');

    const chat = await ui.browser.page();
    await chat.goto(`${ui.server.url}/chat.html`);
    await chat.fill('#text', QUESTION);
    const [response] = await Promise.all([chat.waitForResponse((r) => r.url().endsWith('/api/v1/messages')), chat.click('#send')]);
    const answer = (await response.json()) as { decision: { action: string; intent: string }; reply: { text: string } | null };
    expect(answer.decision).toMatchObject({ action: 'auto_answer', intent: INTENT });
    await chat.locator('.bubble.bot', { hasText: NEW_TEXT }).waitFor();
    expect(ui.server.registry.version()).toBe(version);
    const trainings = await ui.server.database.db.selectFrom('model_versions').select('version').execute();
    expect(trainings.map((t) => t.version)).toEqual([version]);
    expect(seen.errors).toEqual([]);

    // The dashboard shows the same freshness panel.
    const dashboard = await ui.browser.page();
    await dashboard.goto(`${ui.server.url}/dashboard.html`);
    await dashboard.locator('#app[data-loaded="true"]').waitFor();
    await dashboard.locator(`#freshness #broken-links li[data-url="${brokenUrl}"]`).waitFor();
    await screenshot(dashboard, 'dashboard-freshness');
  });
});
