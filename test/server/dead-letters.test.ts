// Dead letters on /metrics and, item by item, at GET /api/v1/dead-letters (supervisors and
// admins): a message and a reply set aside after failing on every try, and a platform event
// refused as given. Error texts are redacted again on the way out; agents may not look.
import { markInboundDead } from '../../store/message-repository';
import { describeEachDatabaseKind } from '../support/backends';
import { inbound } from '../support/pipeline-fixtures';
import { agentAppForSuite, call, signIn } from '../auth/agent-app';

describeEachDatabaseKind('dead letters in the console API and on /metrics', (kind) => {
  const app = agentAppForSuite(kind);

  test('lists dead messages, dead replies and rejected events, with the counts /metrics reports', async () => {
    const { db } = app().database;
    const { messageId: deadMessage } = await app().pipeline.ingest(inbound('여권 재발급'), { enqueue: false });
    expect(await markInboundDead(db, deadMessage, 'TypeError: cannot read 010-1234-5678 (attempt 5)')).toBe(true);
    const { messageId: answered } = await app().pipeline.ingest(inbound('가족관계증명서 발급'), { enqueue: false });
    const { outboxIds } = await app().pipeline.processInbound(answered);
    expect(outboxIds.length).toBeGreaterThan(0);
    // As the outbound job leaves a reply the platform refused on every try.
    await db.updateTable('outbox').set({ status: 'dead', last_error: 'Graph 100: invalid recipient' }).where('id', '=', outboxIds[0]!).execute();
    const hostileId = `tw:<img src=x onerror="alert(1)">${Date.now()}`;
    await app().pipeline.rejectEvent({ channel: 'x', externalId: hostileId, reason: 'X activity tweet_create_events.1: created_at: expected string' });

    const supervisor = await signIn(app().url, (await app().user(['supervisor'])).email);
    const answer = await supervisor.bearer('GET', '/api/v1/dead-letters?limit=20');
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ messages: expect.any(Number), outbox: expect.any(Number), rejectedEvents: expect.any(Number) });
    expect(answer.body.counts.messages).toBeGreaterThanOrEqual(1);
    const message = answer.body.items.find((i: { id: string }) => i.id === deadMessage);
    expect(message).toMatchObject({ kind: 'message', error: expect.stringContaining('TypeError') });
    expect(message.error).not.toContain('010-1234-5678');
    expect(answer.body.items.find((i: { id: string }) => i.id === outboxIds[0])).toMatchObject({ kind: 'outbox', error: 'Graph 100: invalid recipient' });
    expect(answer.body.rejected.find((r: { externalId: string }) => r.externalId === hostileId)).toMatchObject({
      channel: 'x',
      reason: expect.stringMatching(/created_at/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const metrics = await fetch(`${app().url}/metrics`).then((r) => r.text());
    expect(metrics).toContain(`sotong_dead_letters{kind="message"} ${answer.body.counts.messages}`);
    expect(metrics).toContain(`sotong_dead_letters{kind="outbox"} ${answer.body.counts.outbox}`);
    expect(metrics).toContain(`sotong_dead_letters{kind="rejected_event"} ${answer.body.counts.rejectedEvents}`);

    const admin = await signIn(app().url, (await app().user(['admin'])).email);
    expect((await admin.browser('GET', '/api/v1/dead-letters')).status).toBe(200);
    expect((await supervisor.bearer('GET', '/api/v1/dead-letters?limit=0')).status).toBe(400);
  });

  test('agents and strangers may not look', async () => {
    const agent = await signIn(app().url, (await app().user(['agent'])).email);
    expect((await agent.bearer('GET', '/api/v1/dead-letters')).status).toBe(403);
    expect((await call(app().url, 'GET', '/api/v1/dead-letters')).status).toBe(401);
  });
});
