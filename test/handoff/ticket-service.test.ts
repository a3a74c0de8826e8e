// The handoff port and agent actions over a real database (PGlite and PostgreSQL): tickets open
// with their card, the bot stays silent, claims race, replies go out, SLA escalates, reopen works.
import { randomUUID } from 'node:crypto';
import { handleSlaJob } from '../../handoff/sla-job';
import { ticketJson } from '../../handoff/ticket';
import { citizenNotice } from '../../handoff/citizen-notices';
import { TEXTS } from '../../bot/texts';
import { SLA_MISSED_STATUS } from '../../handoff/live';
import { DEFAULT_HANDOFF_CONFIG } from '../../handoff/config';
import { SessionRepository } from '../../accounts/session-repository';
import { describeEachDatabaseKind, eventually } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { inbound } from '../support/pipeline-fixtures';
import { composeHarness, type SystemHarness } from '../support/pipeline-harness';
import { DomainError } from '../../core/errors';

describeEachDatabaseKind('auto-assignment', (kind) => {
  test(
    'a new ticket goes to the least-loaded online agent, within capacity',
    async () => {
      const h = await composeHarness({
        kind,
        driver: 'in-process',
        workers: 'running',
        handoff: { ...DEFAULT_HANDOFF_CONFIG, autoAssign: { enabled: true, capacity: 1, onlineWindowMs: 60_000 } },
      });
      try {
        const sessions = new SessionRepository(h.database.db);
        const [busy, idle, offline] = [await h.agent(), await h.agent(), await h.agent()];
        // Other agents from earlier tests are not online (never seen), so only these two compete.
        await sessions.touchUser(busy.id);
        await sessions.touchUser(idle.id);
        await sessions.touchUser(offline.id, new Date(Date.now() - 10 * 60_000));
        const open = async () => {
          const user = `u-${randomUUID()}`;
          const { messageId } = await h.pipeline.ingest(inbound('상담원 연결해 주세요', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
          return h.service.get((await h.pipeline.processInbound(messageId)).ticketId!);
        };
        const first = await open();
        const second = await open();
        const third = await open();
        expect(new Set([first.assignee, second.assignee])).toEqual(new Set([busy.id, idle.id]));
        expect([first.status, second.status]).toEqual(['assigned', 'assigned']);
        // Both online agents are at capacity: the third waits in the queue.
        expect(third).toMatchObject({ status: 'waiting', assignee: null });
        expect((await h.deps.audit.forTarget(first.id)).map((r) => r.action)).toEqual(['ticket.open', 'ticket.auto_assign']);
      } finally {
        await h.close();
      }
    },
    STARTUP_TIMEOUT_MS,
  );
});

describeEachDatabaseKind('handoff service', (kind) => {
  let h: SystemHarness;
  beforeEach(async () => {
    h = await composeHarness({ kind, driver: 'in-process', workers: 'running' });
  }, STARTUP_TIMEOUT_MS);
  afterEach(() => h.close());

  /** A citizen asks for a person: the ticket and its conversation. */
  async function openTicket(user = `u-${randomUUID()}`) {
    const first = await h.pipeline.ingest(inbound('상담원 연결해 주세요', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    const processed = await h.pipeline.processInbound(first.messageId);
    return { user, processed, ticket: await h.service.get(processed.ticketId!) };
  }

  const audit = (target: string) => h.deps.audit.forTarget(target).then((rows) => rows.map((r) => r.action));

  test('a handoff opens a routed, prioritised ticket with its card and a scheduled SLA check', async () => {
    const { processed, ticket } = await openTicket();
    expect(processed.decision?.action).toBe('handoff');
    expect(ticket).toMatchObject({
      status: 'waiting',
      priority: 'high',
      queue: 'general',
      reason: 'requested_human',
      assignee: null,
      conversationId: processed.conversationId,
    });
    expect(ticket.card).toMatchObject({
      channel: 'web',
      isPublic: false,
      reason: 'requested_human',
      priority: 'high',
      queue: 'general',
      topIntents: [{ intent: 'chat.human', confidence: 0.93, name: { ko: '상담원 연결', en: 'Talk to a person' } }],
      modelVersion: 'test-model-1',
      transcript: [{ author: 'citizen', text: '상담원 연결해 주세요' }],
    });
    const deadline = ticket.slaDeadline!.getTime();
    expect(deadline - ticket.createdAt.getTime()).toBe(5 * 60_000);
    const sla = h.added.find((j) => j.name === 'sla');
    expect(sla).toMatchObject({
      data: { ticketId: ticket.id, deadline: new Date(deadline).toISOString() },
      options: { jobId: `sla-${ticket.id}-${deadline}` },
    });
    expect(sla!.options!.delayMs).toBeGreaterThan(4 * 60_000);
    expect(h.events).toContainEqual({
      type: 'ticket.changed',
      ticketId: ticket.id,
      conversationId: ticket.conversationId,
      status: 'waiting',
      priority: 'high',
    });
    expect(await audit(ticket.id)).toEqual(['ticket.open']);
  });

  /** Bot texts queued for the conversation, oldest first. */
  const botTexts = async (conversationId: string) =>
    (await h.database.db.selectFrom('outbox').select(['text', 'authored_by']).where('conversation_id', '=', conversationId).orderBy('id').execute())
      .filter((r) => r.authored_by === 'bot')
      .map((r) => r.text);

  test('while the ticket only waits the bot answers a confident FAQ and acknowledges the rest, on the ticket; once claimed it is silent', async () => {
    const { user, ticket } = await openTicket();
    const say = async (text: string) => {
      const { messageId } = await h.pipeline.ingest(inbound(text, { userId: user, threadKey: `web:${user}` }), { enqueue: false });
      return { messageId, processed: await h.pipeline.processInbound(messageId) };
    };
    const faq = await say('가족관계증명서도 궁금해요');
    expect(faq.processed).toMatchObject({ decision: { action: 'auto_answer' }, ticketId: ticket.id });
    expect(faq.processed.outboxIds).toHaveLength(1);
    const chat = await say('안녕하세요 아직 기다려요');
    expect(chat.processed).toMatchObject({ decision: { action: 'smalltalk' }, ticketId: ticket.id });
    const texts = await botTexts(ticket.conversationId);
    expect(texts.at(-2)).toBe('전자가족관계등록시스템에서 발급하세요.');
    expect(texts.at(-1)).toBe(TEXTS.waitingAck.ko);
    for (const id of [faq.messageId, chat.messageId]) {
      const row = await h.database.db.selectFrom('messages').select('ticket_id').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.ticket_id).toBe(ticket.id);
    }
    expect(h.events).toContainEqual(
      expect.objectContaining({ type: 'message.created', conversationId: ticket.conversationId, message: expect.objectContaining({ id: faq.messageId }) }),
    );
    expect((await h.service.get(ticket.id)).firstResponseAt).toBeNull();

    await h.service.claim(ticket.id, await h.agent());
    const silent = await say('가족관계증명서 인터넷 발급은요');
    expect(silent.processed).toMatchObject({ decision: null, outboxIds: [], ticketId: ticket.id });
  });

  test('20 agents claim at once: exactly one wins, the rest get a conflict', async () => {
    const { ticket } = await openTicket();
    const agents = await Promise.all(Array.from({ length: 20 }, () => h.agent()));
    const results = await Promise.allSettled(agents.map((a) => h.service.claim(ticket.id, a)));
    const winners = results.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(losers.every((r) => r.reason instanceof DomainError && r.reason.kind === 'conflict')).toBe(true);
    const stored = await h.service.get(ticket.id);
    expect(stored.status).toBe('assigned');
    expect(stored.assignee).toBe((winners[0] as PromiseFulfilledResult<{ assignee: string }>).value.assignee);
  });

  test('an agent reply goes out through the channel, records the first response, and is redacted at rest', async () => {
    const { ticket } = await openTicket();
    const agent = await h.agent();
    const result = await h.service.reply(ticket.id, agent, '확인해 드릴게요. 010-1234-5678 번호로는 연락드리지 않아요.');
    expect(result.redacted).toEqual(['PHONE']);
    expect(result.ticket).toMatchObject({ status: 'assigned', assignee: agent.id, firstResponder: agent.id });
    expect(result.ticket.firstResponseAt).not.toBeNull();
    await eventually(async () => h.sender.sent.find((s) => s.outboxId === result.outboxId), 5000, 'the agent reply to be sent');
    const sent = h.sender.sent.find((s) => s.outboxId === result.outboxId)!;
    expect(sent).toMatchObject({ authoredBy: 'agent', text: '확인해 드릴게요. [PHONE] 번호로는 연락드리지 않아요.' });
    const transcript = await eventually(async () => {
      const messages = await h.pipeline.listMessages(ticket.conversationId);
      return messages.some((m) => m.author === 'agent') ? messages : undefined;
    });
    expect(transcript.map((m) => m.author)).toEqual(['citizen', 'bot', 'agent']);
    const outbox = await h.database.db.selectFrom('outbox').selectAll().where('id', '=', result.outboxId).executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({ kind: 'agent_reply', authored_by: 'agent', author_id: agent.id });
    expect(outbox.text).not.toContain('010-1234-5678');
    expect(await audit(ticket.id)).toEqual(['ticket.open', 'ticket.claim', 'ticket.reply']);
  });

  test("another agent may not reply on, resolve or transfer someone else's ticket; an admin may", async () => {
    const { ticket } = await openTicket();
    const [owner, other, admin] = [await h.agent(), await h.agent(), await h.agent(['admin'])];
    await h.service.claim(ticket.id, owner);
    for (const attempt of [
      () => h.service.reply(ticket.id, other, 'hi'),
      () => h.service.resolve(ticket.id, other),
      () => h.service.transfer(ticket.id, other, { queue: 'x' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ kind: 'forbidden' });
    }
    await expect(h.service.claim(ticket.id, other)).rejects.toMatchObject({ kind: 'conflict' });
    expect((await h.service.resolve(ticket.id, admin)).status).toBe('resolved');
  });

  test('resolve tells the citizen; the bot answers the next FAQ; a handoff within 24 h opens a new linked ticket with a fresh SLA', async () => {
    const { user, ticket } = await openTicket();
    const agent = await h.agent();
    await h.service.claim(ticket.id, agent);
    const resolvedAt = new Date();
    h.setNow(resolvedAt);
    await h.service.resolve(ticket.id, agent);
    expect((await botTexts(ticket.conversationId)).at(-1)).toBe(citizenNotice('resolved', 'ko'));
    expect(h.added.filter((j) => j.name === 'outbound').length).toBeGreaterThan(0);

    h.setNow(new Date(resolvedAt.getTime() + 30 * 60_000));
    const say = async (text: string) => {
      const { messageId } = await h.pipeline.ingest(inbound(text, { userId: user, threadKey: `web:${user}` }), { enqueue: false });
      return h.pipeline.processInbound(messageId);
    };
    const faq = await say('가족관계증명서 어디서 떼요');
    expect(faq.decision?.action).toBe('auto_answer');
    expect(faq.ticketId).toBeUndefined();

    const again = await say('상담원 연결해 주세요 아직 해결이 안 됐어요');
    expect(again.ticketId).toBeDefined();
    expect(again.ticketId).not.toBe(ticket.id);
    const follow = await h.service.get(again.ticketId!);
    expect(follow).toMatchObject({ status: 'waiting', followsTicketId: ticket.id, reopenCount: 0 });
    expect(follow.slaDeadline!.getTime()).toBe(resolvedAt.getTime() + 30 * 60_000 + DEFAULT_HANDOFF_CONFIG.sla.firstResponseMs.high);
    expect(await h.service.get(ticket.id)).toMatchObject({ status: 'resolved' });
    expect(await audit(ticket.id)).toEqual(['ticket.open', 'ticket.claim', 'ticket.resolve']);

    // After the window, a new ticket stands alone.
    await h.service.resolve(follow.id, agent);
    h.setNow(new Date(resolvedAt.getTime() + 30 * 60 * 60_000));
    const late = await say('상담원 연결해 주세요 다른 문의예요');
    expect((await h.service.get(late.ticketId!)).followsTicketId).toBeNull();
  });

  test('resolve keeping the thread: a message within 24 h reopens the same ticket to the same agent; after 24 h the bot answers', async () => {
    const { user, ticket } = await openTicket();
    const agent = await h.agent();
    await h.service.claim(ticket.id, agent);
    const resolvedAt = new Date();
    h.setNow(resolvedAt);
    await h.service.resolve(ticket.id, agent, { keepThread: true });

    h.setNow(new Date(resolvedAt.getTime() + 60 * 60_000));
    const soon = await h.pipeline.ingest(inbound('아직 해결이 안 됐어요', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    expect(await h.pipeline.processInbound(soon.messageId)).toMatchObject({ decision: null, ticketId: ticket.id });
    expect(await h.service.get(ticket.id)).toMatchObject({ status: 'assigned', assignee: agent.id, reopenCount: 1, resolvedAt: null, keepThread: false });

    h.setNow(new Date(resolvedAt.getTime() + 2 * 60 * 60_000));
    await h.service.resolve(ticket.id, agent, { keepThread: true });
    h.setNow(new Date(resolvedAt.getTime() + 27 * 60 * 60_000));
    const late = await h.pipeline.ingest(inbound('가족관계증명서 어디서 떼요', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    const answered = await h.pipeline.processInbound(late.messageId);
    expect(answered.decision?.action).toBe('auto_answer');
    expect(answered.ticketId).toBeUndefined();
    expect(await audit(ticket.id)).toEqual(['ticket.open', 'ticket.claim', 'ticket.resolve', 'ticket.reopen', 'ticket.resolve']);
  });

  test('return to bot tells the citizen; the next message is answered by the bot, and never reopens the ticket', async () => {
    const { user, ticket } = await openTicket();
    const agent = await h.agent();
    await h.service.returnToBot(ticket.id, agent);
    expect((await botTexts(ticket.conversationId)).at(-1)).toBe(citizenNotice('returned_to_bot', 'ko'));
    const next = await h.pipeline.ingest(inbound('가족관계증명서 인터넷 발급', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    const processed = await h.pipeline.processInbound(next.messageId);
    expect(processed.decision?.action).toBe('auto_answer');
    expect((await h.service.get(ticket.id)).status).toBe('returned_to_bot');
    const owner = await h.database.db.selectFrom('conversations').select('owner').where('id', '=', ticket.conversationId).executeTakeFirstOrThrow();
    expect(owner.owner).toBe('bot');
  });

  test('the notices follow the citizen language', () => {
    expect(citizenNotice('resolved', 'en')).toMatch(/resolved/);
    expect(citizenNotice('returned_to_bot', 'en')).toMatch(/automatic assistant/);
    expect(citizenNotice('resolved', null)).toBe(citizenNotice('resolved', 'ko'));
  });

  test('the SLA job marks an unanswered ticket overdue and warns the consoles; the priority stays', async () => {
    const { ticket } = await openTicket();
    const deadline = ticket.slaDeadline!;
    const slaJobs = () => h.added.filter((j) => j.name === 'sla').length;
    const scheduled = slaJobs();
    const missedAt = new Date(deadline.getTime() + 1000);
    h.setNow(missedAt);
    const check = await handleSlaJob(h.deps, { ticketId: ticket.id, deadline: deadline.toISOString() });
    expect(check).toEqual({ kind: 'missed' });
    const overdue = await h.service.get(ticket.id);
    expect(overdue).toMatchObject({ priority: 'high', escalations: 1, slaMissedAt: missedAt, slaDeadline: deadline });
    expect(overdue.card?.priority).toBe('high');
    expect(ticketJson(overdue, missedAt)).toMatchObject({ priority: 'high', overdue: true, slaMissed: true });
    expect(h.events).toContainEqual({
      type: 'ticket.changed',
      ticketId: ticket.id,
      conversationId: ticket.conversationId,
      status: SLA_MISSED_STATUS,
      priority: 'high',
    });
    // Nothing further to check: an overdue ticket stays overdue until someone answers.
    expect(slaJobs()).toBe(scheduled);
    // A duplicate delivery of the job marks nothing twice.
    expect(await handleSlaJob(h.deps, { ticketId: ticket.id, deadline: deadline.toISOString() })).toEqual({ kind: 'ok', why: 'stale' });
    expect((await h.service.get(ticket.id)).escalations).toBe(1);
    expect(await audit(ticket.id)).toEqual(['ticket.open', 'ticket.sla_missed']);

    // The answer ends the overdue state; the history (slaMissed) stays.
    const agent = await h.agent();
    const answered = (await h.service.reply(ticket.id, agent, '도와드릴게요')).ticket;
    expect(ticketJson(answered, missedAt)).toMatchObject({ overdue: false, slaMissed: true, priority: 'high' });
  });

  test('only an agent changes the priority, and the change is audited with both values', async () => {
    const { ticket } = await openTicket();
    const [owner, other] = [await h.agent(), await h.agent()];
    await h.service.claim(ticket.id, owner);
    await expect(h.service.setPriority(ticket.id, other, 'urgent')).rejects.toMatchObject({ kind: 'forbidden' });
    const raised = await h.service.setPriority(ticket.id, owner, 'urgent');
    expect(raised).toMatchObject({ priority: 'urgent', slaDeadline: ticket.slaDeadline });
    expect(raised.card?.priority).toBe('urgent');
    const rows = await h.deps.audit.forTarget(ticket.id);
    expect(rows.at(-1)).toMatchObject({ actor: owner.id, action: 'ticket.priority', details: { from: 'high', to: 'urgent' } });
  });

  test('an answered ticket is not escalated', async () => {
    const { ticket } = await openTicket();
    await h.service.reply(ticket.id, await h.agent(), '도와드릴게요');
    h.setNow(new Date(ticket.slaDeadline!.getTime() + 1000));
    expect(await handleSlaJob(h.deps, { ticketId: ticket.id, deadline: ticket.slaDeadline!.toISOString() })).toEqual({ kind: 'ok', why: 'responded' });
    expect((await h.service.get(ticket.id)).priority).toBe('high');
  });

  test('transfer to a queue puts it back to waiting there; to an agent assigns it', async () => {
    const { ticket } = await openTicket();
    const [a, b] = [await h.agent(), await h.agent()];
    await h.service.claim(ticket.id, a);
    expect(await h.service.transfer(ticket.id, a, { queue: 'documents' })).toMatchObject({ status: 'waiting', queue: 'documents', assignee: null });
    expect(await h.service.transfer(ticket.id, a, { agentId: b.id })).toMatchObject({ status: 'assigned', assignee: b.id });
    await expect(h.service.transfer(ticket.id, b, { agentId: 'no-such-user' })).rejects.toMatchObject({ kind: 'invalid' });
    // Only a configured department queue: free text is refused, not silently stored.
    expect(h.service.queues()).toEqual(expect.arrayContaining(['documents', 'general', 'transport']));
    await expect(h.service.transfer(ticket.id, b, { queue: 'Documents dept' })).rejects.toMatchObject({ kind: 'invalid' });
    const moved = await h.service.get(ticket.id);
    expect(moved.card?.queue).toBe('documents');
  });

  test('a relabel creates a training candidate with the redacted text and the predicted intent; a note is stored redacted', async () => {
    const { ticket, processed } = await openTicket();
    const agent = await h.agent();
    const { candidateId } = await h.service.relabel(ticket.id, agent, 'cert.family_relation');
    const candidate = await h.deps.tickets.db.selectFrom('training_candidates').selectAll().where('id', '=', candidateId).executeTakeFirstOrThrow();
    expect(candidate).toMatchObject({
      message_id: processed.messageId,
      ticket_id: ticket.id,
      text: '상담원 연결해 주세요',
      predicted_intent: 'chat.human',
      intent: 'cert.family_relation',
      source: 'relabel',
      status: 'open',
      created_by: agent.id,
    });
    await expect(h.service.relabel(ticket.id, agent, 'no.such_intent')).rejects.toMatchObject({ kind: 'invalid' });
    const note = await h.service.addNote(ticket.id, agent, '시민 번호 010-9876-5432 확인함');
    expect(note.text).toBe('시민 번호 [PHONE] 확인함');
    expect((await h.service.notes(ticket.id)).map((n) => n.text)).toEqual(['시민 번호 [PHONE] 확인함']);
  });
});
