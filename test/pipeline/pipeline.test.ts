import { sql } from 'kysely';
import { InvalidInboundError } from '../../pipeline/ingest';
import { eventually } from '../support/backends';
import { blocked, inbound, temporary } from '../support/pipeline-fixtures';
import { describeEachEngine, type SystemHarness } from '../support/pipeline-harness';

describeEachEngine('message pipeline', (current) => {
  const outboxOf = (h: SystemHarness, messageId: string) => h.database.db.selectFrom('outbox').selectAll().where('in_reply_to', '=', messageId).execute();
  const sentReplyTo = (h: SystemHarness, messageId: string) =>
    eventually(
      async () => {
        const rows = await outboxOf(h, messageId);
        return rows.length > 0 && rows.every((r) => r.status === 'sent' || r.status === 'dead') ? rows : undefined;
      },
      10_000,
      `the reply to ${messageId} to finish`,
    );

  test('answers a confident FAQ end to end: stored, triaged, sent, transcribed, announced', async () => {
    const h = current();
    h.startWorkers();
    const message = inbound('가족관계증명서 어디서 떼요');
    const { messageId, conversationId, duplicate } = await h.pipeline.ingest(message);
    expect(duplicate).toBe(false);

    const [row] = await sentReplyTo(h, messageId);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, external_id: `sent-${row!.id}`, authored_by: 'bot' });
    expect(h.sender.sent).toHaveLength(1);
    expect(h.sender.sent[0]).toMatchObject({
      channel: 'web',
      outboxId: row!.id,
      userId: message.userId,
      isPublic: false,
      text: '전자가족관계등록시스템에서 발급하세요.',
      links: [{ label: '전자가족관계등록시스템', url: 'https://efamily.scourt.go.kr' }],
      authoredBy: 'bot',
      replyTarget: message.replyTarget,
    });
    const transcript = await h.pipeline.listMessages(conversationId);
    expect(transcript.map((m) => [m.direction, m.author, m.text])).toEqual([
      ['in', 'citizen', '가족관계증명서 어디서 떼요'],
      ['out', 'bot', '전자가족관계등록시스템에서 발급하세요.'],
    ]);
    // Announced after the row is marked sent; with Redis the event arrives a moment later.
    await eventually(
      async () => h.events.some((e) => e.type === 'message.created' && e.message.id === transcript[1]!.id),
      5_000,
      'the live event of the reply',
    );
    expect(h.events).toContainEqual({ type: 'message.created', conversationId, message: transcript[1] });
    const decision = await h.database.db.selectFrom('decisions').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ intent: 'cert.family_relation', action: 'auto_answer', model_version: 'test-model-1' });
    expect(decision.latency_us).toBeGreaterThanOrEqual(0);
  });

  test('the same inbound message ingested twice gives one message and one reply', async () => {
    const h = current();
    h.startWorkers();
    const message = inbound('가족관계증명서 인터넷 발급');
    const first = await h.pipeline.ingest(message);
    const second = await h.pipeline.ingest({ ...message, text: '가족관계증명서 (redelivered)' });
    expect(second).toEqual({ ...first, duplicate: true });
    await sentReplyTo(h, first.messageId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stored = await h.database.db
      .selectFrom('messages')
      .select(['id', 'text'])
      .where('channel', '=', 'web')
      .where('external_id', '=', message.externalId)
      .execute();
    expect(stored).toEqual([{ id: first.messageId, text: message.text }]);
    expect(h.sender.sent).toHaveLength(1);
    expect(await outboxOf(h, first.messageId)).toHaveLength(1);
  });

  test('processInbound is idempotent: a second call returns the first result and queues nothing new', async () => {
    const h = current();
    const { messageId } = await h.pipeline.ingest(inbound('가족관계증명서 떼는 곳'), { enqueue: false });
    const first = await h.pipeline.processInbound(messageId);
    const second = await h.pipeline.processInbound(messageId);
    expect(second).toEqual(first);
    expect(first.outboxIds).toHaveLength(1);
    expect(h.triageCalls).toHaveLength(1);
    expect(await outboxOf(h, messageId)).toHaveLength(1);
  });

  test('a sender that fails twice with RetryableSendError then succeeds sends exactly once', async () => {
    const h = current();
    h.sender.failNext(temporary(), temporary());
    h.startWorkers();
    const { messageId } = await h.pipeline.ingest(inbound('가족관계증명서 재발급'));
    const [row] = await sentReplyTo(h, messageId);
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(h.sender.calls).toHaveLength(3);
    expect(h.sender.sent).toHaveLength(1);
    const outgoing = await h.database.db.selectFrom('messages').select('id').where('outbox_id', '=', row!.id).execute();
    expect(outgoing).toHaveLength(1);
  });

  test('a retry-after from the platform waits without using up an attempt', async () => {
    const h = current();
    h.sender.failNext(temporary(100), temporary(100), temporary(100));
    h.startWorkers();
    const { messageId } = await h.pipeline.ingest(inbound('가족관계증명서 급해요'));
    const [row] = await sentReplyTo(h, messageId);
    // Three rate limits and a success with attempts=3: rate limits did not count as failures.
    expect(row).toMatchObject({ status: 'sent' });
    expect(h.sender.calls).toHaveLength(4);
  });

  test('a permanent failure dead-letters the reply with its reason', async () => {
    const h = current();
    h.sender.failNext(blocked());
    h.startWorkers();
    const { messageId, conversationId } = await h.pipeline.ingest(inbound('가족관계증명서 발급처'));
    const [row] = await sentReplyTo(h, messageId);
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row!.last_error).toMatch(/^blocked: HTTP 403/);
    expect((await h.pipeline.listMessages(conversationId)).map((m) => m.direction)).toEqual(['in']);
  });

  test('a reply still failing at the last attempt is dead, not retried forever', async () => {
    const h = current();
    h.sender.failNext(temporary(), temporary(), temporary(), temporary());
    h.startWorkers();
    const { messageId } = await h.pipeline.ingest(inbound('가족관계증명서 안돼요'));
    const [row] = await sentReplyTo(h, messageId);
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row!.last_error).toMatch(/gave_up after 3 attempts/);
    expect(h.sender.sent).toHaveLength(0);
  });

  test('raw personal data never reaches the database', async () => {
    const h = current();
    h.startWorkers();
    const raw = '가족관계증명서 떼려는데 주민번호 900101-1234568 이고 전화 010-9876-5432 예요';
    const { messageId } = await h.pipeline.ingest(inbound(raw));
    await sentReplyTo(h, messageId);
    const { db } = h.database;
    const message = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
    expect(message.text).toBe('가족관계증명서 떼려는데 주민번호 [RRN] 이고 전화 [PHONE] 예요');
    expect([...message.pii_types].sort()).toEqual(['PHONE', 'RRN']);
    expect(h.triageCalls.at(-1)!.text).toBe(message.text);
    // Search every text and json column of every table for the raw numbers.
    for (const table of ['messages', 'decisions', 'outbox', 'contacts', 'conversations', 'tickets']) {
      const { rows } = await sql<{ hit: string }>`select t::text as hit from ${sql.table(table)} t
        where t::text like ${'%1234568%'} or t::text like ${'%9876%5432%'}`.execute(db);
      expect({ table, rows }).toEqual({ table, rows: [] });
    }
  });

  test('a ticket an agent holds silences the bot for the next message', async () => {
    const h = current();
    h.startWorkers();
    const first = inbound('상담원 연결해주세요');
    const opened = await h.pipeline.ingest(first);
    await sentReplyTo(h, opened.messageId);
    const ticket = await h.database.db.selectFrom('tickets').selectAll().where('conversation_id', '=', opened.conversationId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ status: 'waiting', priority: 'high', reason: 'requested_human', opened_by_message_id: opened.messageId });
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'ticket.changed', ticketId: ticket.id }));
    // An agent claims it (while it only waits, the bot would still answer an FAQ: see the handoff suite).
    await h.database.db.updateTable('tickets').set({ status: 'assigned', assignee: 'agent-pipeline-test' }).where('id', '=', ticket.id).execute();

    const next = await h.pipeline.ingest(inbound('가족관계증명서는요?', { userId: first.userId, threadKey: first.threadKey }));
    expect(next.conversationId).toBe(opened.conversationId);
    const result = await eventually(
      async () => {
        const row = await h.database.db.selectFrom('messages').selectAll().where('id', '=', next.messageId).executeTakeFirstOrThrow();
        return row.status === 'processed' ? row : undefined;
      },
      10_000,
      'the second message to be processed',
    );
    expect(result.ticket_id).toBe(ticket.id);
    expect(await h.pipeline.processInbound(next.messageId)).toEqual({
      messageId: next.messageId,
      conversationId: opened.conversationId,
      decision: null,
      outboxIds: [],
      ticketId: ticket.id,
    });
    expect(await outboxOf(h, next.messageId)).toEqual([]);
    expect(h.triageCalls.map((c) => c.text)).not.toContain('가족관계증명서는요?');
    expect(h.sender.sent).toHaveLength(1);
  });

  test('urgent: emergency numbers at once and an urgent ticket', async () => {
    const h = current();
    const { messageId, conversationId } = await h.pipeline.ingest(inbound('불이 났어요 도와주세요'), { enqueue: false });
    const result = await h.pipeline.processInbound(messageId);
    expect(result.decision?.action).toBe('urgent');
    expect(result.outboxIds).toHaveLength(1);
    const ticket = await h.database.db.selectFrom('tickets').selectAll().where('conversation_id', '=', conversationId).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ id: result.ticketId, priority: 'urgent', status: 'waiting' });
    const conversation = await h.database.db.selectFrom('conversations').select('owner').where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(conversation.owner).toBe('human');
  });

  test('moderate: decision stored, no reply', async () => {
    const h = current();
    const { messageId } = await h.pipeline.ingest(inbound('욕설 가득한 글'), { enqueue: false });
    const result = await h.pipeline.processInbound(messageId);
    expect(result).toMatchObject({ outboxIds: [], decision: { action: 'moderate' } });
    expect(result.ticketId).toBeUndefined();
    expect(await outboxOf(h, messageId)).toEqual([]);
  });

  test('out-of-scope decisions in a row are counted for triage, and reset by an in-scope one', async () => {
    const h = current();
    const user = inbound('x');
    const say = async (text: string) => {
      const { messageId } = await h.pipeline.ingest(inbound(text, { userId: user.userId, threadKey: user.threadKey }), { enqueue: false });
      await h.pipeline.processInbound(messageId);
      return h.triageCalls.at(-1)!.context.recentOutOfScope;
    };
    expect(await say('날씨 어때')).toBe(0);
    expect(await say('주식 추천')).toBe(1);
    expect(await say('안녕하세요')).toBe(2);
    expect(await say('로또 번호')).toBe(0);
  });

  test('inline delivery takes a pending reply once; the outbound job then sends nothing', async () => {
    const h = current();
    const { messageId, conversationId } = await h.pipeline.ingest(inbound('가족관계증명서 카카오', { channel: 'web' }), { enqueue: false });
    const { outboxIds } = await h.pipeline.processInbound(messageId);
    const reply = await h.pipeline.takeOutboxForInlineDelivery(outboxIds[0]!);
    expect(reply).toMatchObject({ outboxId: outboxIds[0], text: '전자가족관계등록시스템에서 발급하세요.' });
    expect(await h.pipeline.takeOutboxForInlineDelivery(outboxIds[0]!)).toBeNull();
    h.startWorkers();
    await eventually(async () => (await h.jobs.depth()).outbound === 0, 5000, 'the outbound job');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.sender.calls).toHaveLength(0);
    expect((await h.pipeline.listMessages(conversationId)).map((m) => m.author)).toEqual(['citizen', 'bot']);
  });

  test('recover() finishes messages and replies left unfinished by a stopped process', async () => {
    const h = current();
    const { messageId } = await h.pipeline.ingest(inbound('가족관계증명서 복구'), { enqueue: false });
    const recovered = await h.pipeline.recover();
    expect(recovered.inbound).toBeGreaterThanOrEqual(1);
    h.startWorkers();
    const [row] = await sentReplyTo(h, messageId);
    expect(row!.status).toBe('sent');
    // Once everything queued has finished (earlier tests' leftovers included), nothing remains.
    await eventually(
      async () => {
        const left = await h.pipeline.recover();
        return left.inbound === 0 && left.outbound === 0;
      },
      10_000,
      'no unfinished work',
    );
  });

  test('listMessages after an id returns only newer messages', async () => {
    const h = current();
    const user = inbound('x');
    const ids: string[] = [];
    for (const text of ['하나', '둘', '셋']) {
      ids.push((await h.pipeline.ingest(inbound(text, { userId: user.userId, threadKey: user.threadKey }), { enqueue: false })).messageId);
    }
    const conversationId = (await h.pipeline.ingest(inbound('넷', { userId: user.userId, threadKey: user.threadKey }), { enqueue: false })).conversationId;
    const after = await h.pipeline.listMessages(conversationId, { afterId: ids[0] });
    expect(after.map((m) => m.text)).toEqual(['둘', '셋', '넷']);
  });

  test('bad input is refused with a clear error and stores nothing', async () => {
    const h = current();
    const bad = inbound('가족관계증명서', { externalId: '', sentAt: new Date('nope') });
    await expect(h.pipeline.ingest(bad)).rejects.toThrow(InvalidInboundError);
    await expect(h.pipeline.ingest(bad)).rejects.toThrow(/externalId must be a non-empty string; sentAt must be a valid Date/);
    const count = await h.database.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('platform_user_id', '=', bad.userId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
