// The inbound hot path's two statements: startInboundWork reads the message with its thread's
// latest ticket and our previous decision; finishInbound stores the decision, marks the message
// processed and queues the reply together, and writes nothing when another attempt decided first.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Decision } from '../../bot/types';
import { saveDecision } from '../../store/decision-repository';
import { finishInbound, startInboundWork, storeInbound } from '../../store/inbound-writes';
import { newId } from '../../store/ids';
import { describeEachDatabase, TEST_DATABASE_URL } from '../support/backends';

const decision = (over: Partial<Decision> = {}): Decision => ({
  intent: 'cert.family_relation',
  confidence: 0.93,
  topK: [],
  entities: [],
  pii: [],
  language: 'ko',
  action: 'auto_answer',
  reply: { text: '가족관계증명서는 정부24에서 발급받을 수 있습니다.', links: [] },
  modelVersion: 'm-test',
  ...over,
});

describeEachDatabase('the inbound hot path', (current, kind) => {
  const thread = randomUUID();
  const store = (text: string) =>
    storeInbound(current().db, {
      channel: 'web',
      platformUserId: `u-${thread}`,
      threadKey: thread,
      isPublic: false,
      externalId: randomUUID(),
      text,
      piiTypes: [],
      replyTarget: {},
      sentAt: new Date(),
    });
  const reply = (messageId: string, conversationId: string, text: string) => ({
    conversationId,
    inReplyTo: messageId,
    kind: 'bot_reply' as const,
    text,
    links: [],
    isPublic: false,
    authoredBy: 'bot' as const,
    replyTarget: {},
  });

  test('one statement stores the decision, marks the message processed and queues the reply', async () => {
    const { db } = current();
    const first = await store('가족관계증명서 발급');
    const work = await startInboundWork(db, first.id);
    expect(work?.decision).toBeUndefined();
    expect(work?.conversation.latestTicket).toBeUndefined();
    expect(work?.conversation.pendingChoices).toBeUndefined();

    const asked = decision({ action: 'clarify', choices: ['cert.family_relation', 'cert.seal'] });
    const outboxId = await finishInbound(db, {
      messageId: first.id,
      outcome: { outOfScope: false, language: 'ko' },
      reply: reply(first.id, first.conversationId, '어느 증명서인가요?'),
      decision: { decision: asked, latencyUs: 1234 },
    });
    expect(outboxId).toEqual(expect.any(String));
    const message = await db.selectFrom('messages').select('status').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(message.status).toBe('processed');
    const stored = await db.selectFrom('decisions').select(['action', 'latency_us']).where('message_id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ action: 'clarify', latency_us: 1234 });
    const outbox = await db.selectFrom('outbox').select(['id', 'text']).where('in_reply_to', '=', first.id).execute();
    expect(outbox).toEqual([{ id: outboxId, text: '어느 증명서인가요?' }]);

    // The next message on the thread is read with the choices that reply offered.
    const second = await store('가족관계요');
    const next = await startInboundWork(db, second.id);
    expect(next?.conversation.pendingChoices).toEqual(['cert.family_relation', 'cert.seal']);
    expect(next?.conversation.language).toBe('ko');
  });

  test('a decision stored first by another attempt wins: nothing is written, and the caller hears of it', async () => {
    const { db } = current();
    const message = await store('여권 재발급');
    await startInboundWork(db, message.id);
    await saveDecision(db, message.id, decision({ intent: 'passport.reissue' }), 10);
    await expect(
      finishInbound(db, {
        messageId: message.id,
        outcome: { outOfScope: false },
        reply: reply(message.id, message.conversationId, 'a reply from a decision that lost'),
        decision: { decision: decision(), latencyUs: 20 },
      }),
    ).rejects.toThrow(/another attempt stored its decision first/);
    const row = await db.selectFrom('messages').select('status').where('id', '=', message.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('processing');
    expect(await db.selectFrom('outbox').select('id').where('in_reply_to', '=', message.id).execute()).toEqual([]);
    const kept = await db.selectFrom('decisions').select(['intent', 'latency_us']).where('message_id', '=', message.id).execute();
    expect(kept).toEqual([{ intent: 'passport.reissue', latency_us: 10 }]);
  });

  test('a message finished by another attempt keeps that reply', async () => {
    const { db } = current();
    const message = await store('운전면허 갱신');
    await startInboundWork(db, message.id);
    const first = await finishInbound(db, { messageId: message.id, outcome: { outOfScope: false }, reply: reply(message.id, message.conversationId, 'first') });
    const again = await finishInbound(db, {
      messageId: message.id,
      outcome: { outOfScope: false },
      reply: reply(message.id, message.conversationId, 'second'),
    });
    expect(again).toBe(first);
    const outbox = await db.selectFrom('outbox').select('text').where('in_reply_to', '=', message.id).execute();
    expect(outbox).toEqual([{ text: 'first' }]);
  });

  test('storing keeps working once PostgreSQL plans the prepared statement generically', async () => {
    // From the sixth execution of a prepared statement PostgreSQL may use a generic plan, which
    // must still find the partial unique index behind ON CONFLICT (store/prepared-statements.ts).
    for (let i = 0; i < 12; i++) expect((await store(`반복 ${i}`)).duplicate).toBe(false);
    const { db } = current();
    const input = {
      channel: 'web' as const,
      platformUserId: 'u-repeat',
      threadKey: `repeat-${thread}`,
      isPublic: false,
      externalId: `repeat-${thread}`,
      text: 'x',
      piiTypes: [],
      replyTarget: {},
      sentAt: new Date(),
    };
    const again = await storeInbound(db, input);
    for (let i = 0; i < 8; i++) {
      const copy = await storeInbound(db, input);
      expect(copy).toMatchObject({ id: again.id, duplicate: true });
    }
  });

  (kind === 'postgres' ? test : test.skip)('a copy delivered while a worker updates the message does not wait for that worker', async () => {
    const message = await store('가족관계증명서 급하게');
    const database = current();
    // The worker's transaction: it has moved the message's status and not committed yet.
    const worker = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${database.schema}` });
    await worker.connect();
    try {
      await worker.query('begin');
      await worker.query("update messages set status = 'processing' where id = $1", [message.id]);
      const copy = storeInbound(database.db, {
        channel: 'web',
        platformUserId: `u-${thread}`,
        threadKey: thread,
        isPublic: false,
        externalId: (await database.db.selectFrom('messages').select('external_id').where('id', '=', message.id).executeTakeFirstOrThrow()).external_id!,
        text: '가족관계증명서 급하게',
        piiTypes: [],
        replyTarget: {},
        sentAt: new Date(),
      });
      const waited = await Promise.race([copy.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3000))]);
      expect(waited).toBe(false);
      await expect(copy).resolves.toMatchObject({ id: message.id, duplicate: true });
    } finally {
      await worker.query('rollback');
      await worker.end();
    }
  });

  test("the thread's latest ticket is read with the message", async () => {
    const { db } = current();
    const message = await store('상담원 연결해 주세요');
    const resolvedAt = new Date('2026-12-01T09:00:00Z');
    for (const [status, createdAt] of [
      ['resolved', new Date('2026-11-30T09:00:00Z')],
      ['resolved', new Date('2026-12-01T08:00:00Z')],
    ] as const) {
      await db
        .insertInto('tickets')
        .values({
          id: newId(),
          conversation_id: message.conversationId,
          opened_by_message_id: message.id,
          status,
          priority: 'normal',
          queue: 'general',
          reason: 'low_confidence',
          assignee: null,
          triage_card: null,
          resolved_at: resolvedAt,
          keep_thread: true,
          created_at: createdAt,
        })
        .execute();
    }
    const latest = await db
      .selectFrom('tickets')
      .select('id')
      .where('conversation_id', '=', message.conversationId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const work = await startInboundWork(db, message.id);
    expect(work?.conversation.latestTicket).toEqual({ id: latest.id, status: 'resolved', resolvedAt, keepThread: true });
  });
});
