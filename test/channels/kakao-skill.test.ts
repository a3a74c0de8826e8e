import { isAllowedCallback } from '../../channels/kakao/callback-hosts';
import { kakaoSkillRouter } from '../../channels/kakao/routes';
import { skillExternalId } from '../../channels/kakao/parse';
import { LIMITS } from '../../channels/kakao/skill-response';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery } from '../fakes/platform-signers';
import { startApp, type RunningApp } from './support/app';
import { decision, MemoryPipeline, type MemoryPipelineOptions } from './support/memory-pipeline';
import { KAKAO_BOT, KAKAO_SECRET, kakaoSkill, post } from './support/payloads';

/** Checks a SkillResponse against Kakao's documented limits (channels.md §3.2). */
function expectValidTemplate(body: any): void {
  expect(body.version).toBe('2.0');
  const outputs = body.template.outputs;
  expect(outputs.length).toBeGreaterThanOrEqual(1);
  expect(outputs.length).toBeLessThanOrEqual(LIMITS.outputs);
  for (const o of outputs) {
    if (o.simpleText) expect(Array.from(o.simpleText.text as string).length).toBeLessThanOrEqual(1000);
    if (o.basicCard) {
      expect(o.basicCard.buttons.length).toBeLessThanOrEqual(3);
      for (const b of o.basicCard.buttons) expect(Array.from(b.label as string).length).toBeLessThanOrEqual(14);
    }
  }
  for (const q of body.template.quickReplies ?? []) expect(Array.from(q.label as string).length).toBeLessThanOrEqual(14);
  expect((body.template.quickReplies ?? []).length).toBeLessThanOrEqual(10);
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Kakao skill route', () => {
  let app: RunningApp;
  let pipeline: MemoryPipeline;
  let callbacks: FakeKakaoCallback;
  const url = () => `${app.url}/webhooks/kakao`;

  async function start(pipelineOptions: MemoryPipelineOptions = {}, deadlineMs = 1000): Promise<void> {
    pipeline = new MemoryPipeline(pipelineOptions);
    app = await startApp(
      kakaoSkillRouter(
        { skillSecret: KAKAO_SECRET, botId: KAKAO_BOT, deadlineMs, callbackHosts: [callbacks.url], onBackgroundError: () => undefined },
        pipeline,
      ),
    );
  }
  beforeEach(async () => {
    callbacks = await new FakeKakaoCallback().start();
  });
  afterEach(async () => {
    await app.close();
    await callbacks.close();
  });

  it('answers inline with the reply and its links, and claims the outbox row', async () => {
    await start();
    const res = await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill()));
    expect(res.status).toBe(200);
    const body = await res.json();
    expectValidTemplate(body);
    expect(body.template.outputs[0]).toEqual({ simpleText: { text: '정부24에서 온라인으로 신청할 수 있어요.' } });
    expect(body.template.outputs[1].basicCard.buttons).toEqual([{ action: 'webLink', label: '정부24 바로가기', webLinkUrl: 'https://www.gov.kr' }]);
    expect(pipeline.enqueued).toHaveLength(0); // triaged inline, not queued
    expect(pipeline.outbox.size).toBe(1);
    expect(pipeline.pendingReplies()).toHaveLength(0);
  });

  it('offers clarify choices as at most 10 quick replies with short labels', async () => {
    const choices = Array.from({ length: 12 }, (_, i) => ({ label: `가족관계증명서 발급 방법 ${i}`, text: `선택 ${i}` }));
    await start({ decide: () => decision('clarify', { text: '어떤 내용을 찾으시나요?', links: [], quickReplies: choices }) });
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill()))).json();
    expectValidTemplate(body);
    expect(body.template.quickReplies).toHaveLength(10);
    expect(body.template.quickReplies[0]).toEqual({ label: '가족관계증명서 발급 방법…', action: 'message', messageText: '선택 0' });
  });

  it('adds the 상담직원 연결 operator button on handoff', async () => {
    await start({ decide: () => decision('handoff', { text: '담당 상담사에게 연결했어요.', links: [] }) });
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill('사람이랑 얘기하고 싶어요')))).json();
    expectValidTemplate(body);
    const card = body.template.outputs.find((o: any) => o.basicCard).basicCard;
    expect(card.buttons).toContainEqual({ action: 'operator', label: '상담직원 연결' });
  });

  it('falls back to the callback when triage is slow, and delivers the reply there once', async () => {
    await start({ processDelayMs: 300 }, 50);
    const callbackUrl = callbacks.issue(KAKAO_BOT);
    const res = await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill(undefined, callbackUrl)));
    expect(await res.json()).toEqual({ version: '2.0', useCallback: true, data: { text: '답변을 준비하고 있어요.' } });
    await until(() => callbacks.delivered.length === 1);
    expectValidTemplate(callbacks.delivered[0]!.body);
    expect(callbacks.delivered[0]!.body.template.outputs[0].simpleText.text).toBe('정부24에서 온라인으로 신청할 수 있어요.');
    expect(pipeline.pendingReplies()).toHaveLength(0);
  });

  it('refuses a callbackUrl off the allowed Kakao hosts with 400, storing and calling nothing', async () => {
    await start({ processDelayMs: 300 }, 50);
    for (const target of [
      'http://169.254.169.254/latest/meta-data',
      'https://evil.example/callback/abc',
      'http://bot-api.kakao.com/callback/abc',
      'https://user:pw@bot-api.kakao.com/x',
    ]) {
      const res = await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill(undefined, target)));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('callback_url_not_allowed');
    }
    expect(pipeline.ingestCalls).toBe(0);
    expect(callbacks.server.requests).toHaveLength(0);
  });

  it('without a callback URL, a slow answer says so and the reply stays in the outbox', async () => {
    await start({ processDelayMs: 200 }, 20);
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, kakaoSkill()))).json();
    expectValidTemplate(body);
    expect(body.template.outputs[0].simpleText.text).toMatch(/늦어지고/);
    await until(() => pipeline.pendingReplies().length === 1);
  });

  it('stores a request sent three times once and answers it once', async () => {
    await start();
    const delivery = kakaoDelivery(KAKAO_SECRET, kakaoSkill());
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await post(url(), delivery)).json());
    expect(pipeline.messages.size).toBe(1);
    expect(pipeline.outbox.size).toBe(1);
    expect(bodies[0].template.outputs[0].simpleText.text).toBe('정부24에서 온라인으로 신청할 수 있어요.');
    for (const b of bodies.slice(1)) expect(b.template.outputs[0].simpleText.text).toMatch(/메시지를 받았어요/);
  });

  it('refuses a missing secret (401), a wrong secret or another bot (403), and bad payloads (400)', async () => {
    await start();
    const delivery = kakaoDelivery(KAKAO_SECRET, kakaoSkill());
    expect((await post(url(), { body: delivery.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await post(url(), kakaoDelivery('wrong', kakaoSkill()))).status).toBe(403);
    const otherBot = { ...kakaoSkill(), bot: { id: 'other', name: 'x' } };
    expect((await post(url(), kakaoDelivery(KAKAO_SECRET, otherBot))).status).toBe(403);
    const bad = await post(url(), kakaoDelivery(KAKAO_SECRET, { userRequest: { utterance: 1 } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/userRequest/);
    expect(pipeline.ingestCalls).toBe(0);
  });
});

describe('Kakao dedupe key', () => {
  it('keys a message on user, utterance, block and a 10 s bucket', () => {
    const t = new Date(1_741_051_420_000);
    expect(skillExternalId('u', '질문', 'b', t)).toBe(skillExternalId('u', '질문', 'b', new Date(t.getTime() + 9_999)));
    expect(skillExternalId('u', '질문', 'b', t)).not.toBe(skillExternalId('u', '질문', 'b', new Date(t.getTime() + 10_000)));
    expect(skillExternalId('u', '질문', 'b', t)).not.toBe(skillExternalId('u', '질문2', 'b', t));
  });
});

test('allows https callbacks on Kakao hosts by default', () => {
  expect(isAllowedCallback('https://bot-api.kakao.com/callback/abc')).toBe(true);
  expect(isAllowedCallback('https://kakao.com.evil.example/callback')).toBe(false);
  expect(isAllowedCallback('https://evilkakao.com/callback')).toBe(false);
  expect(isAllowedCallback('https://bot-api.kakao.com:8443/callback')).toBe(false);
});
