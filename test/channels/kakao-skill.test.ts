import { isAllowedCallback } from '../../channels/kakao/callback-hosts';
import { kakaoSkillRouter } from '../../channels/kakao/routes';
import { skillExternalId } from '../../channels/kakao/parse';
import { LIMITS } from '../../channels/kakao/skill-response';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery } from '../fakes/platform-signers';
import { setTimeout as delay } from 'node:timers/promises';
import { describeEachDatabaseKind, eventually } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { exactTriage } from '../support/pipeline-fixtures';
import { startApp, type RunningApp } from './support/app';
import { FAQ_ANSWER, startChannelServer, storedEvents, type ChannelServer } from './support/channel-server';
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

const CLARIFY_ASK = '증명서 떼고 싶어요';
const HANDOFF_ASK = '사람이랑 얘기하고 싶어요';
const CHOICES = Array.from({ length: 12 }, (_, i) => ({ label: `가족관계증명서 발급 방법 ${i}`, text: `선택 ${i}` }));
/** The FAQ answer for any text, a clarifying question and a handoff for these two. */
const TRIAGE = exactTriage(
  {
    [CLARIFY_ASK]: {
      intent: 'cert.family_relation',
      confidence: 0.5,
      action: 'clarify',
      reply: { text: '어떤 내용을 찾으시나요?', links: [], quickReplies: CHOICES },
    },
    [HANDOFF_ASK]: {
      intent: 'chat.human',
      confidence: 0.9,
      action: 'handoff',
      reason: 'requested_human',
      reply: { text: '담당 상담사에게 연결했어요.', links: [] },
    },
  },
  FAQ_ANSWER,
);

describeEachDatabaseKind('Kakao skill route', (kind) => {
  let server: ChannelServer;
  let app: RunningApp | undefined;
  let callbacks: FakeKakaoCallback;
  let addJob: jest.SpiedFunction<ChannelServer['composed']['jobs']['add']>;
  /** Simulated triage time (ms): the pipeline pauses this long once the decision is stored. */
  let triageDelayMs = 0;
  // A citizen of this test alone: the dedupe key holds the user, so tests do not collide.
  let serial = 0;
  let user = '';
  const url = () => `${app!.url}/webhooks/kakao`;
  const skill = (utterance?: string, callbackUrl?: string) => kakaoSkill(utterance, callbackUrl, user);

  /** The route over the real pipeline, with its own deadline and the fake callback host. */
  async function start(deadlineMs = 1000, delayMs = 0): Promise<void> {
    triageDelayMs = delayMs;
    app = await startApp(
      kakaoSkillRouter(
        { skillSecret: KAKAO_SECRET, botId: KAKAO_BOT, deadlineMs, callbackHosts: [callbacks.url], onBackgroundError: () => undefined },
        server.composed.pipeline,
      ),
    );
  }
  /** This test's citizen's inbound messages, and the statuses of the replies queued for them. */
  const inbound = () =>
    server.db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select('m.id')
      .where('c.thread_key', '=', `kakao:${user}`)
      .where('m.direction', '=', 'in')
      .execute();
  const outbox = async () =>
    (
      await server.db
        .selectFrom('outbox as o')
        .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
        .select('o.status')
        .where('c.thread_key', '=', `kakao:${user}`)
        .execute()
    ).map((row) => row.status);
  const inboundJobs = () => addJob.mock.calls.filter(([name]) => name === 'inbound');

  beforeAll(async () => {
    server = await startChannelServer(kind, {
      triage: TRIAGE,
      checkpoint: async (point) => {
        if (point === 'decision-stored' && triageDelayMs > 0) await delay(triageDelayMs);
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());
  beforeEach(async () => {
    user = `kakao-${Date.now()}-${++serial}`;
    callbacks = await new FakeKakaoCallback().start();
    addJob = jest.spyOn(server.composed.jobs, 'add');
  });
  afterEach(async () => {
    addJob.mockRestore();
    await app?.close();
    await callbacks.close();
  });

  it('answers inline with the reply and its links, and claims the outbox row', async () => {
    await start();
    const res = await post(url(), kakaoDelivery(KAKAO_SECRET, skill()));
    expect(res.status).toBe(200);
    const body = await res.json();
    expectValidTemplate(body);
    expect(body.template.outputs[0]).toEqual({ simpleText: { text: '정부24에서 온라인으로 신청할 수 있어요.' } });
    expect(body.template.outputs[1].basicCard.buttons).toEqual([{ action: 'webLink', label: '정부24 바로가기', webLinkUrl: 'https://www.gov.kr' }]);
    expect(inboundJobs()).toHaveLength(0); // triaged inline, not queued
    expect(await outbox()).toEqual(['sent']); // one row, claimed by the route
  });

  it('offers clarify choices as at most 10 quick replies with short labels', async () => {
    await start();
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, skill(CLARIFY_ASK)))).json();
    expectValidTemplate(body);
    expect(body.template.quickReplies).toHaveLength(10);
    expect(body.template.quickReplies[0]).toEqual({ label: '가족관계증명서 발급 방법…', action: 'message', messageText: '선택 0' });
  });

  it('adds the 상담직원 연결 operator button on handoff', async () => {
    await start();
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, skill(HANDOFF_ASK)))).json();
    expectValidTemplate(body);
    const card = body.template.outputs.find((o: any) => o.basicCard).basicCard;
    expect(card.buttons).toContainEqual({ action: 'operator', label: '상담직원 연결' });
  });

  it('falls back to the callback when triage is slow, and delivers the reply there once', async () => {
    await start(50, 300);
    const callbackUrl = callbacks.issue(KAKAO_BOT);
    const res = await post(url(), kakaoDelivery(KAKAO_SECRET, skill(undefined, callbackUrl)));
    expect(await res.json()).toEqual({ version: '2.0', useCallback: true, data: { text: '답변을 준비하고 있어요.' } });
    await eventually(async () => callbacks.delivered.length === 1, 3000, 'the callback');
    expectValidTemplate(callbacks.delivered[0]!.body);
    expect(callbacks.delivered[0]!.body.template.outputs[0].simpleText.text).toBe('정부24에서 온라인으로 신청할 수 있어요.');
    expect(await outbox()).toEqual(['sent']);
  });

  it('refuses a callbackUrl off the allowed Kakao hosts with 400, storing and calling nothing', async () => {
    await start(50, 300);
    const before = await storedEvents(server.db);
    for (const target of [
      'http://169.254.169.254/latest/meta-data',
      'https://evil.example/callback/abc',
      'http://bot-api.kakao.com/callback/abc',
      'https://user:pw@bot-api.kakao.com/x',
    ]) {
      const res = await post(url(), kakaoDelivery(KAKAO_SECRET, skill(undefined, target)));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('callback_url_not_allowed');
    }
    expect(await storedEvents(server.db)).toBe(before);
    expect(callbacks.server.requests).toHaveLength(0);
  });

  it('without a callback URL, a slow answer says so and the reply stays in the outbox', async () => {
    await start(20, 200);
    const body = await (await post(url(), kakaoDelivery(KAKAO_SECRET, skill()))).json();
    expectValidTemplate(body);
    expect(body.template.outputs[0].simpleText.text).toMatch(/늦어지고/);
    // The route stopped waiting; the pipeline finishes in the background and queues the send
    // behind Kakao's inline hold, so meanwhile the reply stays pending in the outbox.
    await eventually(async () => addJob.mock.calls.some(([name]) => name === 'outbound'), 3000, 'the send queued behind the hold');
    expect(await outbox()).toEqual(['pending']);
  });

  it('stores a request sent three times once and answers it once', async () => {
    await start();
    const delivery = kakaoDelivery(KAKAO_SECRET, skill());
    const bodies = [];
    for (let i = 0; i < 3; i++) bodies.push(await (await post(url(), delivery)).json());
    expect(await inbound()).toHaveLength(1);
    expect(await outbox()).toHaveLength(1);
    expect(bodies[0].template.outputs[0].simpleText.text).toBe('정부24에서 온라인으로 신청할 수 있어요.');
    for (const b of bodies.slice(1)) expect(b.template.outputs[0].simpleText.text).toMatch(/메시지를 받았어요/);
  });

  it('refuses a missing secret (401), a wrong secret or another bot (403), and bad payloads (400)', async () => {
    await start();
    const before = await storedEvents(server.db);
    const delivery = kakaoDelivery(KAKAO_SECRET, skill());
    expect((await post(url(), { body: delivery.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await post(url(), kakaoDelivery('wrong', skill()))).status).toBe(403);
    const otherBot = { ...skill(), bot: { id: 'other', name: 'x' } };
    expect((await post(url(), kakaoDelivery(KAKAO_SECRET, otherBot))).status).toBe(403);
    const bad = await post(url(), kakaoDelivery(KAKAO_SECRET, { userRequest: { utterance: 1 } }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/userRequest/);
    expect(await storedEvents(server.db)).toBe(before);
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
