// The "Must show" story over HTTP against the real composition root (server/main
// startServer: real catalog, real classifier trained at start, real pipeline, handoff and auth),
// on PGlite and on PostgreSQL: a citizen asks for what the bot cannot do → ticket with its triage
// card → an agent signs in, claims and replies → the reply is in the citizen's conversation → the
// next citizen message joins the ticket, not the bot → return to bot → the bot answers again.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { silentLogger } from '../../core/logger';
import { startServer, type RunningServer } from '../../server/main';
import { call, PASSWORD, signIn, type Session } from '../auth/agent-app';
import { eventually, TEST_DATABASE_URL } from '../support/backends';
import { createFreshDatabase, openSse, type FreshDatabase, type SseReader } from './server-support';

const ADMIN = { email: 'admin@test.local', password: 'admin password 123' };
// High-priority tickets miss their SLA after 1.5 s here, so the overdue mark is observable.

const engines = [
  ['pglite', true],
  ['postgres', Boolean(TEST_DATABASE_URL)],
] as const;

describe.each(engines)('agent workflow over HTTP [%s]', (engine, configured) => {
  if (!configured) {
    test.skip('TEST_DATABASE_URL is not set', () => undefined);
    return;
  }
  let server: RunningServer;
  let url: string;
  let dataDir: string;
  let fresh: FreshDatabase | undefined;
  let admin: Session;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sotong-handoff-'));
    if (engine === 'postgres') fresh = await createFreshDatabase(TEST_DATABASE_URL!);
    const config = loadConfig({
      PORT: '0',
      SOTONG_DATA_DIR: dataDir,
      SOTONG_SECRET: 'handoff-e2e-secret-handoff-e2e-secret',
      SOTONG_ADMIN_EMAIL: ADMIN.email,
      SOTONG_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'silent',
      HANDOFF_SLA_SECONDS: 'high=1.5,urgent=3600',
      ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    });
    server = await startServer(config, { role: 'all', logger: silentLogger, print: () => undefined });
    url = server.url!;
    admin = await signIn(url, ADMIN.email, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    await server?.stop('test over');
    await fresh?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const citizen = () => {
    let token = '';
    let conversationId: string | undefined;
    return {
      async say(text: string) {
        const answer = await call(url, 'POST', '/api/v1/messages', {
          body: { text, ...(conversationId && { conversationId }) },
          ...(conversationId && { headers: { authorization: `Bearer ${token}` } }),
        });
        expect(answer.status).toBe(201);
        token = answer.body.accessToken;
        conversationId = answer.body.conversationId;
        return answer.body as {
          conversationId: string;
          messageId: string;
          decision: { action: string; intent: string } | null;
          reply: { text: string } | null;
        };
      },
      transcript: (conversationId: string) =>
        call(url, 'GET', `/api/v1/conversations/${conversationId}/messages`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) => r.body.messages as { id: string; author: string; text: string }[],
        ),
    };
  };

  async function newAgent(): Promise<Session> {
    const email = `agent-${randomUUID()}@test.local`;
    const created = await admin.bearer('POST', '/api/v1/users', { email, password: PASSWORD, role: 'agent' });
    expect(created.status).toBe(201);
    return signIn(url, email);
  }

  test('citizen → ticket with triage card → claim and reply → silence → return to bot → bot answers', async () => {
    const agent = await newAgent();
    const live: SseReader = await openSse(`${url}/api/v1/events`, { cookie: agent.cookie });
    try {
      const c = citizen();
      const first = await c.say('상담원 연결해 주세요');
      expect(first.decision).toMatchObject({ action: 'handoff', intent: 'chat.human' });
      expect(first.reply?.text).toBeTruthy();
      const conversationId = first.conversationId;
      await live.waitFor((e) => e.event === 'ticket.changed' && e.data.conversationId === conversationId, 10_000, 'the new ticket event');

      // The queue lists it with its id, conversation and card.
      const list = await agent.browser('GET', '/api/v1/handoffs?status=waiting');
      const listed = list.body.tickets.find((t: { conversationId: string }) => t.conversationId === conversationId);
      expect(listed).toMatchObject({ id: expect.any(String), conversationId, status: 'waiting', channel: 'web', reason: 'requested_human' });
      const id: string = listed.id;
      const detail = await agent.browser('GET', `/api/v1/handoffs/${id}`);
      expect(detail.status).toBe(200);
      expect(detail.body.card).toMatchObject({
        channel: 'web',
        isPublic: false,
        reason: 'requested_human',
        priority: 'high',
        language: 'ko',
        modelVersion: expect.stringMatching(/\S/),
        slaDeadline: expect.any(String),
        transcript: [{ author: 'citizen', text: '상담원 연결해 주세요' }],
      });
      expect(detail.body.card.topIntents[0]).toMatchObject({
        intent: 'chat.human',
        confidence: expect.any(Number),
        name: { ko: expect.any(String), en: expect.any(String) },
      });
      expect(detail.body.card.topIntents.length).toBeLessThanOrEqual(3);
      expect(detail.body.transcript.map((m: { author: string }) => m.author)).toEqual(['citizen', 'bot']);

      // Claim and reply; the reply lands in the citizen's conversation.
      expect((await agent.browser('POST', `/api/v1/handoffs/${id}/claim`)).body.ticket).toMatchObject({ status: 'assigned', assignee: agent.userId });
      const reply = await agent.browser('POST', `/api/v1/handoffs/${id}/messages`, { text: '안녕하세요, 상담원 김소통입니다. 무엇을 도와드릴까요?' });
      expect(reply.status).toBe(202);
      const withReply = await eventually(
        async () => {
          const messages = await c.transcript(conversationId);
          return messages.some((m) => m.author === 'agent') ? messages : undefined;
        },
        10_000,
        "the agent's reply in the citizen's conversation",
      );
      expect(withReply.at(-1)).toMatchObject({ author: 'agent', text: '안녕하세요, 상담원 김소통입니다. 무엇을 도와드릴까요?' });

      // The next citizen message joins the ticket; the bot stays silent.
      const second = await c.say('가족관계증명서 어디서 떼요');
      expect(second.decision).toBeNull();
      expect(second.reply).toBeNull();
      await live.waitFor((e) => e.event === 'message.created' && e.data.id === second.messageId, 10_000, 'the joined message on the agent stream');
      const joined = await agent.browser('GET', `/api/v1/handoffs/${id}`);
      expect(joined.body.transcript.map((m: { author: string }) => m.author)).toEqual(['citizen', 'bot', 'agent', 'citizen']);

      // Back to the bot: the same question is now answered.
      expect((await agent.browser('POST', `/api/v1/handoffs/${id}/return-to-bot`)).body.ticket.status).toBe('returned_to_bot');
      const third = await c.say('가족관계증명서 어디서 떼요');
      expect(third.decision).toMatchObject({ action: 'auto_answer', intent: 'cert.family_relation' });
      expect(third.reply?.text).toBeTruthy();

      // Everything the agent did is in the audit log, and the numbers show it.
      const metrics = await admin.bearer('GET', '/api/v1/metrics/handoffs');
      expect(metrics.body.firstResponse.human.web.count).toBeGreaterThanOrEqual(1);
      expect(metrics.body.reasons.requested_human).toBeGreaterThanOrEqual(1);
      expect(metrics.body.autoAnswer.autoAnswered).toBeGreaterThanOrEqual(1);
      const prometheus = await fetch(`${url}/metrics`).then((r) => r.text());
      expect(prometheus).toMatch(/sotong_handoff_tickets_by_reason\{reason="requested_human"\} [1-9]/);
      expect(prometheus).toMatch(/sotong_handoff_first_response_seconds\{responder="human",channel="web",stat="avg"\} /);
    } finally {
      live.close();
    }
  }, 60_000);

  test('an unanswered ticket misses its SLA: it is overdue, its priority unchanged, and agents get an sla.missed event', async () => {
    const agent = await newAgent();
    const live = await openSse(`${url}/api/v1/events`, { cookie: agent.cookie });
    try {
      const { conversationId } = await citizen().say('사람이랑 얘기하고 싶어요 상담원 연결해 주세요');
      const missed = await live.waitFor((e) => e.event === 'sla.missed' && e.data.conversationId === conversationId, 15_000, 'sla.missed');
      expect(missed.data.priority).toBe('high');
      const ticket = await agent.bearer('GET', `/api/v1/handoffs/${missed.data.ticketId}`);
      expect(ticket.body.ticket).toMatchObject({ priority: 'high', overdue: true, slaMissed: true, escalations: 1 });
      expect(ticket.body.card.priority).toBe('high');
    } finally {
      live.close();
    }
  }, 30_000);

  test('an agent is refused the trainer and admin routes, anonymous callers get 401', async () => {
    const agent = await newAgent();
    expect((await agent.browser('GET', '/api/v1/users')).status).toBe(403);
    expect((await agent.browser('GET', '/api/v1/metrics/handoffs')).status).toBe(403);
    expect((await call(url, 'GET', '/api/v1/handoffs')).status).toBe(401);
    const doc = await call(url, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/handoffs/{id}/claim', '/api/v1/events']));
  });
});
