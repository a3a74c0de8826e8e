// The Kakao skill route and the outbound worker both want a fresh Kakao reply: the route to put
// it in its HTTP response, the worker to push it. Kakao has no push without a callback URL, so if
// the worker wins, the citizen gets "we received your message" and the reply dies as
// no_push_channel. Real route, real pipeline and workers, real Kakao sender, every engine.
import { createKakaoSender } from '../../channels/kakao/send';
import type { ChannelSender, OutboundReply } from '../../pipeline/channel';
import { KAKAO_BOT, KAKAO_SECRET, kakaoSkill, post } from '../channels/support/payloads';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery } from '../fakes/platform-signers';
import { describeEachDatabaseKind, describeEachJobDriver, eventually, jobQueueEnv } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { FAST_JOBS } from '../support/pipeline-harness';
import { inbound, tableTriage } from '../support/pipeline-fixtures';
import { seedCatalog } from '../support/seed-catalog';

const REPLY = '전자가족관계등록시스템에서 발급하세요.';
const HOLD_MS = 300;

describeEachDatabaseKind('Kakao inline answer vs the outbound worker', (kind) => {
  describeEachJobDriver('with jobs', ({ driver }) => {
    let running: ComposedServer;
    const callbacks = new FakeKakaoCallback();
    const pushed: OutboundReply[] = [];
    const database = () => running.composed.database;
    const jobs = () => running.composed.jobs;
    const pipeline = () => running.composed.pipeline;

    beforeAll(async () => {
      await callbacks.start();
      const kakao = createKakaoSender({ callbackHosts: [callbacks.url] });
      const recording: ChannelSender = {
        channel: 'kakao',
        send: (reply) => {
          pushed.push(reply);
          return kakao.send(reply);
        },
      };
      const catalog = seedCatalog();
      running = await startComposedServer(kind, {
        env: { KAKAO_SKILL_SECRET: KAKAO_SECRET, KAKAO_BOT_ID: KAKAO_BOT, KAKAO_CALLBACK_HOSTS: callbacks.url, ...jobQueueEnv(driver) },
        config: { jobTimings: { ...FAST_JOBS, inlineDelivery: { kakao: { holdMs: HOLD_MS } } } },
        overrides: { model: { triage: () => tableTriage(), catalog: () => catalog }, senders: new Map([['kakao', recording]]) },
      });
    }, STARTUP_TIMEOUT_MS);
    beforeEach(() => {
      pushed.length = 0;
    });
    afterAll(async () => {
      await running?.close();
      await callbacks.close();
    });

    test('every request without a callback URL gets its reply inline; the held job later sends nothing', async () => {
      const users = Array.from({ length: 8 }, (_, i) => `race-${driver}-${Date.now()}-${i}`);
      const bodies = await Promise.all(
        users.map(async (user) => {
          const res = await post(`${running.url}/webhooks/kakao`, kakaoDelivery(KAKAO_SECRET, kakaoSkill('가족관계증명서 어디서 떼요', undefined, user)));
          expect(res.status).toBe(200);
          return res.json();
        }),
      );
      for (const body of bodies) expect(body.template.outputs[0]).toEqual({ simpleText: { text: REPLY } });

      const { db } = database();
      const rows = await db
        .selectFrom('outbox')
        .innerJoin('conversations', 'conversations.id', 'outbox.conversation_id')
        .select(['outbox.id', 'outbox.status', 'outbox.attempts', 'outbox.last_error'])
        .where(
          'conversations.thread_key',
          'in',
          users.map((user) => `kakao:${user}`),
        )
        .execute();
      expect(rows).toHaveLength(users.length);
      for (const row of rows) expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });

      // The held jobs run once HOLD_MS has passed; each finds its row sent and leaves it alone.
      await eventually(async () => (await jobs().depth()).outbound === 0, 10_000, 'the held outbound jobs');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pushed).toEqual([]);
      const after = await db
        .selectFrom('outbox')
        .select(['status', 'attempts'])
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      expect(after.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const transcript = await db
        .selectFrom('messages')
        .select('id')
        .where(
          'outbox_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      expect(transcript).toHaveLength(users.length);
    });

    test('when nobody claims the reply inline, the held job delivers it through the callback URL', async () => {
      const callbackUrl = callbacks.issue(KAKAO_BOT);
      const replyTarget = { callbackUrl, callbackExpiresAt: new Date(Date.now() + 55_000).toISOString(), lang: 'ko' };
      const user = `fallback-${driver}-${Date.now()}`;
      const message = inbound('가족관계증명서 발급', { channel: 'kakao', userId: user, threadKey: `kakao:${user}`, replyTarget });
      const { messageId } = await pipeline().ingest(message, { enqueue: false });
      const queuedAt = Date.now();
      const { outboxIds } = await pipeline().processInbound(messageId);
      await eventually(async () => callbacks.delivered.length === 1, 10_000, 'the callback delivery');
      expect(Date.now() - queuedAt).toBeGreaterThanOrEqual(HOLD_MS);
      expect(callbacks.delivered[0]!.body.template.outputs[0]).toEqual({ simpleText: { text: REPLY } });
      // The callback answers before the worker records the row as sent.
      const row = await eventually(
        async () => {
          const current = await database().db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', outboxIds[0]!).executeTakeFirstOrThrow();
          return current.status === 'sending' ? undefined : current;
        },
        5000,
        'the row to leave sending',
      );
      expect(row).toEqual({ status: 'sent', attempts: 1 });
      expect(pushed).toHaveLength(1);
    });
  });
});
