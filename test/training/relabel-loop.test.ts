// Issue 5's must-show: a relabel, accepted as an example, then trained and published, changes the
// live answer for that message — all over HTTP, as citizen, agent and trainer.
import { call, type Session } from '../auth/agent-app';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTrainerApp, trainOverHttp, type TrainerApp } from './trainer-app';

// "보피" (voice phishing) slang the small catalog does not teach: the first model hands it off.
const SCAM = '@110callcenter 검찰이라고 전화와서 계좌 안전하게 옮기라는데 이거 보피죠?';
// A question the first model is unsure of: it lands in the inbox as low-confidence.
const PASSPORT = '미국 비자 말고 그 전에 제 한국 여권이 6개월도 안 남았는데 그것부터 갱신해야 하는 거죠? 어디서 해요';

let citizens = 0;
const citizenAsks = (url: string, text: string) => call(url, 'POST', '/api/v1/messages', { body: { userId: `citizen-${Date.now()}-${++citizens}`, text } });

describeEachDatabaseKind('trainer loop: relabel → example → train → publish → new live answer', (kind) => {
  let app: TrainerApp;
  const database = () => app.database;
  let trainer: Session;
  let agent: Session;
  beforeAll(async () => {
    app = await startTrainerApp(kind);
    trainer = await app.session(['trainer']);
    agent = await app.session(['agent']);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app.close());

  test('a relabelled message, accepted, trained and published, is auto-answered next time', async () => {
    const before = await citizenAsks(app.url, SCAM);
    expect(before.status).toBe(201);
    expect(before.body.decision.action).toBe('handoff');

    // The agent sees the ticket and says what the message was.
    const tickets = (await agent.browser('GET', '/api/v1/handoffs')).body.tickets;
    const ticket = tickets.find((t: any) => t.conversationId === before.body.conversationId);
    expect(ticket).toBeDefined();
    const relabel = await agent.browser('POST', `/api/v1/handoffs/${ticket.id}/relabel`, { intent: 'scam.voice_phishing' });
    expect(relabel.status).toBe(201);

    // The trainer finds it in the inbox and makes it an example in one call.
    const inbox = (await trainer.browser('GET', '/api/v1/inbox?source=relabel')).body.items;
    const item = inbox.find((i: any) => i.id === `candidate:${relabel.body.candidateId}`);
    expect(item).toMatchObject({
      source: 'relabel',
      text: SCAM,
      suggestedIntent: 'scam.voice_phishing',
      ticketId: ticket.id,
      messageId: before.body.messageId,
    });
    const accepted = await trainer.browser('POST', `/api/v1/inbox/${item.id}/accept`, {});
    expect(accepted.status).toBe(201);
    expect(accepted.body.example).toMatchObject({ intentId: 'scam.voice_phishing', source: 'relabel', text: SCAM });
    expect((await trainer.browser('GET', '/api/v1/inbox')).body.items.map((i: any) => i.id)).not.toContain(item.id);
    expect((await trainer.browser('POST', `/api/v1/inbox/${item.id}/accept`, {})).status).toBe(404);

    // Train, publish: the live model changes in this process at once.
    const { job } = await trainOverHttp(trainer);
    expect(job.status).toBe('succeeded');
    const published = await trainer.browser('POST', `/api/v1/models/${job.version}/publish`, {});
    expect(published.status).toBe(200);
    expect(app.registry.version()).toBe(job.version);

    const after = await citizenAsks(app.url, SCAM);
    expect(after.body.decision).toMatchObject({ intent: 'scam.voice_phishing', action: 'auto_answer' });
    expect(after.body.reply.links.map((l: any) => l.url)).toEqual(expect.arrayContaining([expect.stringMatching(/^tel:112|counterscam112/)]));

    const trail = await database()
      .db.selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', 'in', ['ticket.relabel', 'inbox.accept', 'model.train', 'model.publish'])
      .orderBy('id')
      .execute();
    expect(trail.map((r) => r.action)).toEqual(['ticket.relabel', 'inbox.accept', 'model.train', 'model.publish']);
  });

  test('a low-confidence message is listed with its redacted text and can be accepted under the right intent, or dismissed', async () => {
    const asked = await citizenAsks(app.url, `${PASSPORT} 제 번호 010-4444-5555`);
    expect(asked.body.decision.action).not.toBe('auto_answer');
    const items = (await trainer.browser('GET', '/api/v1/inbox')).body.items;
    const item = items.find((i: any) => i.messageId === asked.body.messageId);
    expect(item.id).toBe(`message:${asked.body.messageId}`);
    expect(['low_confidence', 'unhandled']).toContain(item.source);
    expect(item.text).not.toContain('5555');

    expect((await trainer.browser('POST', `/api/v1/inbox/${item.id}/accept`, {})).status).toBe(400); // no intent named
    expect((await trainer.browser('POST', `/api/v1/inbox/${item.id}/accept`, { intent: 'no.such' })).status).toBe(400);
    const accepted = await trainer.browser('POST', `/api/v1/inbox/${item.id}/accept`, { intent: 'passport.issue' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.example).toMatchObject({ intentId: 'passport.issue', source: 'inbox' });
    expect(accepted.body.example.text).not.toContain('5555');
    expect((await trainer.browser('GET', '/api/v1/inbox')).body.items.map((i: any) => i.id)).not.toContain(item.id);

    const other = await citizenAsks(app.url, PASSPORT.replace('미국', '일본'));
    const next = (await trainer.browser('GET', '/api/v1/inbox')).body.items.find((i: any) => i.messageId === other.body.messageId);
    expect(next).toBeDefined();
    expect((await trainer.browser('POST', `/api/v1/inbox/${next.id}/dismiss`)).status).toBe(204);
    expect((await trainer.browser('GET', '/api/v1/inbox')).body.items.map((i: any) => i.id)).not.toContain(next.id);
    expect((await trainer.browser('POST', `/api/v1/inbox/${next.id}/dismiss`)).status).toBe(404);
    expect((await trainer.browser('POST', '/api/v1/inbox/bogus/accept', { intent: 'passport.issue' })).status).toBe(400);
  });
});
