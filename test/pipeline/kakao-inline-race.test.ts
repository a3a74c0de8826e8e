// The Kakao skill route and the outbound worker both want a fresh Kakao reply: the route to put
// it in its HTTP response, the worker to push it. Kakao has no push without a callback URL, so if
// the worker wins, the citizen gets "we received your message" and the reply dies as
// no_push_channel. Real route, real pipeline and workers, real Kakao sender, every engine.
import { redactPii } from '../../bot/pii';
import { kakaoSkillRouter } from '../../channels/kakao/routes';
import { createKakaoSender } from '../../channels/kakao/send';
import type { ChannelSender, OutboundReply } from '../../pipeline/channel';
import { createInProcessEvents } from '../../events/in-process-events';
import type { JobQueue } from '../../jobs/types';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline';
import { startApp, type RunningApp } from '../channels/support/app';
import { KAKAO_BOT, KAKAO_SECRET, kakaoSkill, post } from '../channels/support/payloads';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery } from '../fakes/platform-signers';
import { describeEachDatabase, describeEachJobDriver, eventually } from '../support/backends';
import { inbound, tableTriage } from '../support/pipeline-fixtures';
import { productionHandoff } from '../support/production-handoff';

const REPLY = '전자가족관계등록시스템에서 발급하세요.';
const HOLD_MS = 300;

describeEachDatabase('Kakao inline answer vs the outbound worker', (database) => {
  describeEachJobDriver('with jobs', (jobBackend) => {
    let jobs: JobQueue;
    let pipeline: Pipeline;
    let app: RunningApp;
    const pushed: OutboundReply[] = [];
    // The fake callback starts inside a test; its origin is allowed once it has one.
    const callbackHosts: string[] = [];

    beforeEach(async () => {
      pushed.length = 0;
      jobs = jobBackend.open();
      const events = createInProcessEvents();
      pipeline = createPipeline({
        database: database(),
        jobs,
        events,
        handoff: productionHandoff(database(), jobs, events),
        triage: () => tableTriage(),
        redact: redactPii,
        logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
        inlineDelivery: { kakao: { holdMs: HOLD_MS } },
      });
      const kakao = createKakaoSender({ callbackHosts });
      const recording: ChannelSender = {
        channel: 'kakao',
        send: (reply) => {
          pushed.push(reply);
          return kakao.send(reply);
        },
      };
      pipeline.registerWorkers(new Map([['kakao', recording]]), { inbound: { attempts: 2, backoffMs: 20 }, outbound: { attempts: 2, backoffMs: 20 } });
      app = await startApp(kakaoSkillRouter({ skillSecret: KAKAO_SECRET, botId: KAKAO_BOT, deadlineMs: 3000, callbackHosts }, pipeline));
    });
    afterEach(async () => {
      await app.close();
      await jobs.close();
    });

    test('every request without a callback URL gets its reply inline; the held job later sends nothing', async () => {
      const users = Array.from({ length: 8 }, (_, i) => `race-${jobBackend.driver}-${Date.now()}-${i}`);
      const bodies = await Promise.all(
        users.map(async (user) => {
          const res = await post(`${app.url}/webhooks/kakao`, kakaoDelivery(KAKAO_SECRET, kakaoSkill('가족관계증명서 어디서 떼요', undefined, user)));
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
      await eventually(async () => (await jobs.depth()).outbound === 0, 10_000, 'the held outbound jobs');
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
      const callbacks = await new FakeKakaoCallback().start();
      callbackHosts.push(callbacks.url);
      try {
        const callbackUrl = callbacks.issue(KAKAO_BOT);
        const replyTarget = { callbackUrl, callbackExpiresAt: new Date(Date.now() + 55_000).toISOString(), lang: 'ko' };
        const user = `fallback-${jobBackend.driver}-${Date.now()}`;
        const message = inbound('가족관계증명서 발급', { channel: 'kakao', userId: user, threadKey: `kakao:${user}`, replyTarget });
        const { messageId } = await pipeline.ingest(message, { enqueue: false });
        const queuedAt = Date.now();
        const { outboxIds } = await pipeline.processInbound(messageId);
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
      } finally {
        await callbacks.close();
      }
    });
  });
});
