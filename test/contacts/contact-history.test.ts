// The contact panel's API over HTTP, on PGlite and PostgreSQL: a citizen who asked on Kakao
// (answered by the bot, then a ticket an agent resolved) writes again on the web chat. The web
// ticket's history shows only the web identity until an agent links the two (audited); then it
// shows both channels' conversations with their intents, outcomes, CSAT and dates, newest first.
// Unlinking takes the Kakao history out again. Nothing is linked by guessing.
import { kakaoCitizen } from '../support/pipeline-fixtures';
import { describeEachDatabaseKind } from '../support/backends';
import { call, signIn, startAgentApp, tableModel, STARTUP_TIMEOUT_MS, type AgentApp } from '../auth/agent-app';

describeEachDatabaseKind('contact history across channels', (kind) => {
  let app: AgentApp;
  beforeAll(async () => {
    // A saturated event loop on a loaded test machine must not shed the web-chat POST.
    app = await startAgentApp(kind, { ...tableModel(), env: { SHED_INBOUND_BACKLOG: '0' } });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app?.close());

  test('earlier conversations and tickets on a linked channel: intents, outcomes, dates; link and unlink audited', async () => {
    const agent = await app.user(['agent']);
    const session = await signIn(app.url, agent.email);
    const actor = { id: agent.id, roles: ['agent'] };

    // Kakao: a question the bot answers, then a request for a person that an agent resolves.
    const kakaoUser = `kakao-${Date.now()}`;
    const kakao = kakaoCitizen(app.pipeline, kakaoUser);
    await kakao('가족관계증명서 어디서 떼요');
    const kakaoTicketId = (await kakao('상담원 연결해 주세요')).ticketId!;
    await app.handoff.service.claim(kakaoTicketId, actor);
    await app.handoff.service.reply(kakaoTicketId, actor, '정부24에서 발급하실 수 있어요.');
    await app.handoff.service.resolve(kakaoTicketId, actor);

    // Later, the web chat: a new identity, and a new ticket.
    const web = await call(app.url, 'POST', '/api/v1/messages', { body: { text: '상담원 연결 부탁드려요' } });
    expect(web.status).toBe(201);
    const webTicket = (await app.handoff.deps.tickets.latestForConversation(web.body.conversationId))!;

    const before = await session.bearer('GET', `/api/v1/handoffs/${webTicket.id}/contact-history`);
    expect(before.status).toBe(200);
    expect(before.body.identities.map((i: { channel: string }) => i.channel)).toEqual(['web']);
    expect(before.body.conversations).toHaveLength(1);
    expect(before.body.conversations[0]).toMatchObject({ channel: 'web', outcome: 'waiting', intents: ['chat.human'] });
    const webContactId = before.body.contact.id as string;
    expect((await session.bearer('GET', `/api/v1/contacts/${webContactId}/history`)).body).toEqual(before.body);

    // Bad links are refused with a clear error and change nothing.
    expect((await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, {})).status).toBe(400);
    expect((await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, { contactId: 'x', ticketId: 'y' })).status).toBe(400);
    expect((await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, { contactId: webContactId })).status).toBe(400);
    expect((await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, { ticketId: 'no-such-ticket' })).status).toBe(404);
    expect((await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, { contactId: 'no-such-contact' })).status).toBe(404);
    expect((await session.bearer('GET', '/api/v1/contacts/no-such-contact/history')).status).toBe(404);
    expect((await session.bearer('GET', '/api/v1/handoffs/no-such-ticket/contact-history')).status).toBe(404);
    expect((await call(app.url, 'GET', `/api/v1/contacts/${webContactId}/history`)).status).toBe(401);

    // The citizen says they wrote on Kakao; the agent links the Kakao ticket's identity.
    const linked = await session.browser('POST', `/api/v1/contacts/${webContactId}/links`, { ticketId: kakaoTicketId });
    expect(linked.status).toBe(201);
    const history = linked.body;
    expect(history.identities.map((i: { channel: string }) => i.channel)).toEqual(['web', 'kakao']);
    expect(history.identities[1].link).toMatchObject({ evidence: 'agent_confirmed', linkedBy: agent.id });
    expect(history.conversations.map((c: { channel: string }) => c.channel)).toEqual(['web', 'kakao']);
    const kakaoConversation = history.conversations[1];
    expect(kakaoConversation).toMatchObject({
      channel: 'kakao',
      outcome: 'resolved',
      intents: ['cert.family_relation', 'chat.human'],
      tickets: [{ id: kakaoTicketId, status: 'resolved', intent: 'chat.human', reason: 'requested_human', rating: null }],
    });
    // Dates: every one is a real ISO time, in order.
    const ticket = kakaoConversation.tickets[0];
    expect(Date.parse(ticket.createdAt)).toBeLessThanOrEqual(Date.parse(ticket.resolvedAt));
    expect(Date.parse(kakaoConversation.startedAt)).toBeLessThanOrEqual(Date.parse(kakaoConversation.lastMessageAt));
    // At least the two citizen messages (replies count once the outbound job has sent them).
    expect(kakaoConversation.messageCount).toBeGreaterThanOrEqual(2);
    expect(Date.parse(history.conversations[0].startedAt)).toBeGreaterThanOrEqual(Date.parse(kakaoConversation.startedAt));
    // The link holds from the other side too, and linking again changes nothing.
    const kakaoContactId = history.identities[1].id as string;
    const fromKakao = await session.bearer('GET', `/api/v1/contacts/${kakaoContactId}/history`);
    expect(fromKakao.body.identities.map((i: { id: string }) => i.id)).toEqual([kakaoContactId, webContactId]);
    expect((await session.browser('POST', `/api/v1/contacts/${kakaoContactId}/links`, { contactId: webContactId })).status).toBe(201);
    const audit = async () => (await app.handoff.deps.audit.forTarget(webContactId)).map((r) => r.action);
    expect(await audit()).toEqual(['contact.link']);

    // Undone: the Kakao history leaves the web contact's panel; a second unlink finds nothing.
    const unlinked = await session.browser('DELETE', `/api/v1/contacts/${webContactId}/links/${kakaoContactId}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.conversations.map((c: { channel: string }) => c.channel)).toEqual(['web']);
    expect((await session.browser('DELETE', `/api/v1/contacts/${webContactId}/links/${kakaoContactId}`)).status).toBe(404);
    expect(await audit()).toEqual(['contact.link', 'contact.unlink']);
  });
});
