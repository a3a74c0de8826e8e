// Citizen feedback on the system compose builds (PGlite, and PostgreSQL when configured):
// - web chat: 👍/👎 on a bot answer; a 👎 offers an agent and puts the message in the trainer
//   inbox with source negative_feedback; the CSAT asked on resolve, rated 1–5 with a redacted
//   comment, kept per ticket and agent, and shown by the dashboard's figures;
// - Kakao and Messenger: the resolve notice carries the five ratings as each platform's quick
//   replies (Kakao SkillResponse quickReplies through the callback URL, Messenger quick_replies
//   with a SOTONG: payload, both as the fakes receive them), and the tap comes back in that
//   platform's wire format (Kakao utterance, Messenger message.quick_reply.payload), is recorded
//   and thanked, never triaged.
import { FakeGraphApi } from '../fakes/fake-graph-api';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery, metaDelivery } from '../fakes/platform-signers';
import { describeEachDatabaseKind } from '../support/backends';
import { call, signIn, startAgentApp, tableModel, STARTUP_TIMEOUT_MS, type AgentApp } from '../auth/agent-app';

const KAKAO_SECRET = 'kakao-skill-secret-for-tests';
const META_SECRET = 'meta-app-secret-for-tests';
const PAGE_ID = '104000000000001';

async function until<T>(what: string, read: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDatabaseKind('citizen feedback: CSAT and "was this helpful?"', (kind) => {
  let app: AgentApp;
  const graph = new FakeGraphApi();
  const kakaoCallback = new FakeKakaoCallback();
  beforeAll(async () => {
    await graph.start();
    await kakaoCallback.start();
    app = await startAgentApp(kind, {
      ...tableModel(),
      env: {
        // A saturated event loop on a loaded test machine must not shed these web-chat POSTs.
        SHED_INBOUND_BACKLOG: '0',
        KAKAO_SKILL_SECRET: KAKAO_SECRET,
        KAKAO_CALLBACK_HOSTS: new URL(kakaoCallback.url).origin,
        FB_APP_SECRET: META_SECRET,
        FB_VERIFY_TOKEN: 'verify',
        FB_PAGE_TOKEN: graph.pageToken,
        FB_PAGE_ID: PAGE_ID,
        FB_GRAPH_BASE_URL: graph.url,
      },
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await graph.close();
    await kakaoCallback.close();
  });

  const rating = (ticketId: string) => app.database.db.selectFrom('ticket_ratings').selectAll().where('ticket_id', '=', ticketId).executeTakeFirst();
  const agentActor = async () => {
    const agent = await app.user(['agent']);
    return { ...agent, actor: { id: agent.id, roles: ['agent'] } };
  };

  test('web chat: 👎 offers an agent and lands in the trainer inbox as negative_feedback; 👍 does not', async () => {
    const asked = await call(app.url, 'POST', '/api/v1/messages', { body: { text: '가족관계증명서 어디서 떼요' } });
    expect(asked.body.decision.action).toBe('auto_answer');
    const { conversationId, accessToken, messageId } = asked.body;
    const auth = { authorization: `Bearer ${accessToken}` };
    const feedback = (id: string, body: unknown, headers: Record<string, string> = auth) =>
      call(app.url, 'POST', `/api/v1/conversations/${conversationId}/answers/${id}/feedback`, { body, headers });

    expect((await feedback(messageId, { helpful: 'no' })).status).toBe(400);
    expect((await feedback('no-such-message', { helpful: false })).status).toBe(404);
    expect((await feedback(messageId, { helpful: false }, {})).status).toBe(401);
    const stranger = await call(app.url, 'POST', '/api/v1/messages', { body: { text: '가족관계증명서 떼는 곳' } });
    expect((await feedback(messageId, { helpful: false }, { authorization: `Bearer ${stranger.body.accessToken}` })).status).toBe(403);

    const no = await feedback(messageId, { helpful: false });
    expect(no.status).toBe(200);
    expect(no.body).toEqual({ offerAgent: true });
    // Twice is still one inbox item.
    expect((await feedback(messageId, { helpful: false })).status).toBe(200);
    const yes = await call(app.url, 'POST', `/api/v1/conversations/${stranger.body.conversationId}/answers/${stranger.body.messageId}/feedback`, {
      body: { helpful: true },
      headers: { authorization: `Bearer ${stranger.body.accessToken}` },
    });
    expect(yes.body).toEqual({ offerAgent: false });

    const trainer = await signIn(app.url, (await app.user(['trainer'])).email);
    const inbox = await trainer.bearer('GET', '/api/v1/inbox?source=negative_feedback');
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.filter((i: { messageId: string }) => [messageId, stranger.body.messageId].includes(i.messageId));
    expect(mine).toEqual([
      expect.objectContaining({
        source: 'negative_feedback',
        messageId,
        text: '가족관계증명서 어디서 떼요',
        predictedIntent: 'cert.family_relation',
        suggestedIntent: null,
      }),
    ]);
    const stored = await app.database.db
      .selectFrom('answer_feedback')
      .select(['message_id', 'helpful'])
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(stored).toEqual([{ message_id: messageId, helpful: false }]);
  });

  test('web chat: the CSAT asked on resolve, rated with a redacted comment, per ticket and agent, on the dashboard', async () => {
    const { actor } = await agentActor();
    const opened = await call(app.url, 'POST', '/api/v1/messages', { body: { text: '상담원 연결해 주세요' } });
    const { conversationId, accessToken } = opened.body;
    const auth = { authorization: `Bearer ${accessToken}` };
    const ticketId = (await app.handoff.deps.tickets.latestForConversation(conversationId))!.id;
    const pending = () => call(app.url, 'GET', `/api/v1/conversations/${conversationId}/feedback`, { headers: auth });
    expect((await pending()).body).toEqual({ rating: null });

    await app.handoff.service.claim(ticketId, actor);
    await app.handoff.service.reply(ticketId, actor, '정부24에서 하실 수 있어요.');
    await app.handoff.service.resolve(ticketId, actor);
    expect((await pending()).body).toEqual({ rating: { ticketId } });

    const rate = (body: unknown) => call(app.url, 'POST', `/api/v1/conversations/${conversationId}/ratings`, { body, headers: auth });
    expect((await rate({ ticketId, score: 6 })).status).toBe(400);
    expect((await rate({ ticketId, score: 0 })).status).toBe(400);
    expect((await rate({ ticketId: 'another-ticket', score: 4 })).status).toBe(404);
    expect((await rate({ ticketId, score: 4 })).status).toBe(201);
    expect((await pending()).body).toEqual({ rating: null });
    // The optional comment follows the tap; personal data is redacted before it is stored.
    expect((await rate({ ticketId, score: 4, comment: '친절했어요. 제 번호 010-2345-6789' })).status).toBe(201);
    const stored = await rating(ticketId);
    expect(stored).toMatchObject({ score: 4, agent_id: actor.id, comment: '친절했어요. 제 번호 [PHONE]' });

    const trainer = await signIn(app.url, (await app.user(['trainer'])).email);
    const dashboard = await trainer.bearer('GET', '/api/v1/metrics/dashboard?bucket=day');
    expect(dashboard.body.tickets.agents).toEqual(expect.arrayContaining([expect.objectContaining({ id: actor.id, ratings: 1, averageRating: 4 })]));
    expect(dashboard.body.quality.csat.ratings).toBeGreaterThanOrEqual(1);
  });

  test('Kakao: the ratings go out as SkillResponse quickReplies; the tapped utterance is recorded and thanked', async () => {
    const { actor } = await agentActor();
    const user = `kakao-rate-${Date.now()}`;
    const skill = (utterance: string, callbackUrl?: string) => {
      const delivery = kakaoDelivery(KAKAO_SECRET, {
        intent: { id: 'b1', name: '민원' },
        userRequest: {
          timezone: 'Asia/Seoul',
          lang: 'ko',
          utterance,
          params: { surface: 'Kakaotalk.plusfriend' },
          block: { id: 'b1', name: '민원' },
          user: { id: user, type: 'botUserKey', properties: { plusfriendUserKey: 'Ab12', isFriend: true } },
          ...(callbackUrl ? { callbackUrl } : {}),
        },
        bot: { id: '64ab12', name: '정부민원봇' },
        action: { id: 'a1', name: 'helpline_skill', params: {}, detailParams: {}, clientExtra: {} },
        contexts: [],
      });
      return fetch(`${app.url}/webhooks/kakao`, { method: 'POST', headers: delivery.headers, body: delivery.body }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    };
    // The citizen's request carries a fresh callback URL: the only way Kakao lets us speak later.
    expect((await skill('상담원 연결해 주세요', kakaoCallback.issue())).status).toBe(200);
    const conversation = await app.database.db.selectFrom('conversations').select('id').where('thread_key', '=', `kakao:${user}`).executeTakeFirstOrThrow();
    const ticketId = (await app.handoff.deps.tickets.latestForConversation(conversation.id))!.id;
    await app.handoff.service.claim(ticketId, actor);
    await app.handoff.service.resolve(ticketId, actor);

    const notice = await until('the resolve notice through the callback', async () =>
      kakaoCallback.delivered.find((d) => JSON.stringify(d.body).includes('상담은 어떠셨나요')),
    );
    expect(notice.body.template.quickReplies).toEqual([
      { label: '5 매우 만족', action: 'message', messageText: '5 매우 만족' },
      { label: '4 만족', action: 'message', messageText: '4 만족' },
      { label: '3 보통', action: 'message', messageText: '3 보통' },
      { label: '2 불만족', action: 'message', messageText: '2 불만족' },
      { label: '1 매우 불만족', action: 'message', messageText: '1 매우 불만족' },
    ]);

    // Kakao sends a quick reply's messageText as the next request's utterance.
    const tapped = await skill(notice.body.template.quickReplies[1].messageText);
    expect(tapped.status).toBe(200);
    expect(tapped.body.template.outputs[0].simpleText.text).toBe('평가해 주셔서 감사합니다.');
    expect(await rating(ticketId)).toMatchObject({ score: 4, agent_id: actor.id });
    // Not triaged: no decision for the tap, and the resolved ticket stays resolved.
    const decisions = await app.database.db
      .selectFrom('decisions')
      .innerJoin('messages', 'messages.id', 'decisions.message_id')
      .select('messages.text')
      .where('messages.conversation_id', '=', conversation.id)
      .execute();
    expect(decisions.map((d) => d.text)).toEqual(['상담원 연결해 주세요']);
    expect((await app.handoff.service.get(ticketId)).status).toBe('resolved');
    // A second tap, nothing pending any more: an ordinary message for the bot.
    expect((await skill('5 매우 만족')).body.template.outputs[0].simpleText.text).not.toBe('평가해 주셔서 감사합니다.');
  });

  test('Messenger: the ratings go out as quick_replies with SOTONG: payloads; the tapped payload is recorded and thanked', async () => {
    const { actor } = await agentActor();
    const psid = `7${Date.now()}`;
    let seq = 0;
    const deliver = async (message: Record<string, unknown>) => {
      seq += 1;
      const delivery = metaDelivery(META_SECRET, {
        object: 'page',
        entry: [
          {
            id: PAGE_ID,
            time: Date.now(),
            messaging: [{ sender: { id: psid }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: `m_${psid}_${seq}`, ...message } }],
          },
        ],
      });
      const response = await fetch(`${app.url}/webhooks/facebook`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      expect(response.status).toBe(200);
    };
    await deliver({ text: '상담원 연결해 주세요' });
    const conversation = await until('the Messenger conversation', () =>
      app.database.db.selectFrom('conversations').select('id').where('channel', '=', 'facebook').where('thread_key', 'like', `%${psid}%`).executeTakeFirst(),
    );
    const ticketId = await until('the ticket', async () => (await app.handoff.deps.tickets.latestForConversation(conversation.id))?.id);
    await app.handoff.service.claim(ticketId, actor);
    await app.handoff.service.resolve(ticketId, actor);

    const notice = await until('the resolve notice on the Send API', async () =>
      graph.sent.find((s) => s.recipient.id === psid && s.text.includes('상담은 어떠셨나요')),
    );
    expect(notice.quickReplies).toEqual([
      { content_type: 'text', title: '5 매우 만족', payload: 'SOTONG:5 매우 만족' },
      { content_type: 'text', title: '4 만족', payload: 'SOTONG:4 만족' },
      { content_type: 'text', title: '3 보통', payload: 'SOTONG:3 보통' },
      { content_type: 'text', title: '2 불만족', payload: 'SOTONG:2 불만족' },
      { content_type: 'text', title: '1 매우 불만족', payload: 'SOTONG:1 매우 불만족' },
    ]);

    // Meta delivers the tap as message.text (the title) with message.quick_reply.payload.
    const tap = notice.quickReplies![4] as { title: string; payload: string };
    await deliver({ text: tap.title, quick_reply: { payload: tap.payload } });
    expect(await until('the rating', async () => (await rating(ticketId))?.score)).toBe(1);
    await until('the thank-you', async () => graph.sent.find((s) => s.recipient.id === psid && s.text === '평가해 주셔서 감사합니다.'));
    expect((await app.handoff.service.get(ticketId)).status).toBe('resolved');
  });
});
