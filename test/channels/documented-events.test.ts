// Every documented event type of each platform, through the system built by compose (webhook
// routes, pipeline, PGlite store, handoff, the first model trained from the catalog): each gets the answer the platform
// expects (200 and our body; Kakao's SkillResponse or useCallback) and the right action.
import { setTimeout as delay } from 'node:timers/promises';
import { kakaoSkillRouter } from '../../channels/kakao/routes';
import type { ChannelId } from '../../pipeline/channel';
import type { Database } from '../../store/database';
import { eventually } from '../support/backends';
import { startComposedServer, STARTUP_TIMEOUT_MS, type ComposedServer } from '../support/composed-server';
import { RecordingSender } from '../support/pipeline-fixtures';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { kakaoDelivery, metaDelivery, xDelivery } from '../fakes/platform-signers';
import { startApp, type RunningApp } from './support/app';
import { PLATFORM_ENV } from './support/channel-server';
import { MESSENGER, pageDelivery, X } from './support/documented-samples';
import { KAKAO_BOT, KAKAO_SECRET, kakaoSkill, META_SECRET, post, X_SECRET } from './support/payloads';

jest.setTimeout(120_000);

let database: Database;
let app: ComposedServer;
let slowKakao: RunningApp;
let callbacks: FakeKakaoCallback;
const senders = new Map<ChannelId, RecordingSender>([
  ['facebook', new RecordingSender('facebook')],
  ['x', new RecordingSender('x')],
  ['kakao', new RecordingSender('kakao')],
]);

beforeAll(async () => {
  // The production start with every platform enabled: the first model trained from the catalog,
  // the platforms' senders replaced by recording ones.
  app = await startComposedServer('pglite', {
    env: PLATFORM_ENV,
    overrides: { senders },
  });
  database = app.composed.database;
  const { pipeline } = app.composed;
  // Triage slower than the route's deadline: every request takes the callback path.
  const slowPipeline = { ...pipeline, processInbound: async (id: string) => (await delay(300), pipeline.processInbound(id)) };
  callbacks = await new FakeKakaoCallback().start();
  slowKakao = await startApp(kakaoSkillRouter({ skillSecret: KAKAO_SECRET, botId: KAKAO_BOT, deadlineMs: 50, callbackHosts: [callbacks.url] }, slowPipeline));
}, STARTUP_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all([slowKakao?.close(), callbacks?.close()]);
  await app?.close();
});

/** The stored decision (and ticket) for the inbound message with this external id, once triaged. */
async function outcome(channel: ChannelId, externalId: string) {
  return eventually(
    async () => {
      const row = await database.db
        .selectFrom('messages as m')
        .innerJoin('decisions as d', 'd.message_id', 'm.id')
        .leftJoin('tickets as t', 't.id', 'm.ticket_id')
        .select(['m.id', 'm.text', 'd.action', 'd.intent', 'd.reason', 'd.reply', 't.triage_card as card', 't.reason as ticketReason'])
        .where('m.channel', '=', channel)
        .where('m.external_id', '=', externalId)
        .executeTakeFirst();
      // A handoff's ticket is linked to the message just after the decision is stored.
      const settled = row && (!['handoff', 'urgent'].includes(row.action) || row.ticketReason !== null);
      return settled ? row : undefined;
    },
    20_000,
    `decision for ${externalId}`,
  );
}

const countInbound = async (): Promise<number> =>
  Number(
    (
      await database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('direction', '=', 'in')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function postMeta(payload: unknown) {
  const res = await post(`${app.url}/webhooks/facebook`, metaDelivery(META_SECRET, payload));
  return { status: res.status, body: await res.json() };
}

describe('Messenger: one documented sample per event type', () => {
  test('text: 200, and the FAQ is answered at once', async () => {
    expect(await postMeta(pageDelivery(MESSENGER.text))).toEqual({ status: 200, body: { received: 1, duplicates: 0, rejected: 0 } });
    expect(await outcome('facebook', 'm_text_1')).toMatchObject({ action: 'auto_answer', intent: 'license.driver_renewal' });
  });

  test('quick reply: the chosen payload is what gets answered', async () => {
    expect((await postMeta(pageDelivery(MESSENGER.quickReply))).body).toEqual({ received: 1, duplicates: 0, rejected: 0 });
    expect(await outcome('facebook', 'm_qr_1')).toMatchObject({ text: '여권 재발급은 어디서 하나요?', action: 'auto_answer', intent: 'passport.issue' });
  });

  test('postback: the button payload is answered', async () => {
    expect((await postMeta(pageDelivery(MESSENGER.postback))).body).toEqual({ received: 1, duplicates: 0, rejected: 0 });
    expect(await outcome('facebook', 'm_postback_1')).toMatchObject({ action: 'auto_answer', intent: 'cert.family_relation' });
  });

  test.each([
    ['read', MESSENGER.read, 'messaging'],
    ['delivery (documented without timestamp)', MESSENGER.delivery, 'messaging'],
    ['echo of our own send', MESSENGER.echo, 'messaging'],
    ['reaction', MESSENGER.reaction, 'messaging'],
    ['standby (another app owns the thread)', MESSENGER.standby, 'standby'],
  ] as const)('%s: 200 and ignored', async (_name, event, where) => {
    const before = await countInbound();
    expect(await postMeta(pageDelivery(event, where))).toEqual({ status: 200, body: { received: 0, duplicates: 0, rejected: 0 } });
    expect(await countInbound()).toBe(before);
  });

  test('image only: acknowledged in Korean and handed to an agent, the CDN link on the triage card', async () => {
    expect((await postMeta(pageDelivery(MESSENGER.image))).body).toEqual({ received: 1, duplicates: 0, rejected: 0 });
    const row = await outcome('facebook', 'm_image_1');
    expect(row).toMatchObject({ action: 'handoff', reason: 'media_only', ticketReason: 'media_only' });
    expect(row.reply?.text).toMatch(/사진·파일을 받았어요/);
    const card = row.card as { media: { kind: string; url: string }[] } | null;
    expect(card?.media).toEqual([{ kind: 'image', url: MESSENGER.image.message.attachments[0].payload.url }]);
    await eventually(async () => senders.get('facebook')!.sent.find((r) => r.text === row.reply?.text));
  });

  test('like sticker (sent as both image and sticker): one short courtesy reply, no ticket', async () => {
    expect((await postMeta(pageDelivery(MESSENGER.sticker))).body).toEqual({ received: 1, duplicates: 0, rejected: 0 });
    const row = await outcome('facebook', 'm_sticker_1');
    expect(row).toMatchObject({ action: 'smalltalk', card: null });
    expect(row.reply?.text).toMatch(/^😊/);
  });
});

async function postX(payload: unknown) {
  const res = await post(`${app.url}/webhooks/x`, xDelivery(X_SECRET, payload));
  return { status: res.status, body: await res.json() };
}

describe('X: one documented sample per event type', () => {
  test('DM: answered privately', async () => {
    expect((await postX(X.dm)).status).toBe(200);
    expect(await outcome('x', 'dm:1897000000000000101')).toMatchObject({ action: 'auto_answer', intent: 'cert.resident_registration' });
  });

  test('mention: answered in public', async () => {
    expect((await postX(X.mention)).status).toBe(200);
    expect(await outcome('x', 'tw:1897000000000000001')).toMatchObject({ action: 'auto_answer', intent: 'passport.issue' });
  });

  test.each([
    ['favorite', X.favorite],
    ['follow', X.follow],
  ] as const)('%s: 200 and ignored', async (_name, payload) => {
    const before = await countInbound();
    expect(await postX(payload)).toEqual({ status: 200, body: { received: 0, duplicates: 0, rejected: 0 } });
    expect(await countInbound()).toBe(before);
  });

  test('photo-only DM: handed to an agent with the photo link, its t.co link not taken for words', async () => {
    expect((await postX(X.photoDm)).status).toBe(200);
    const row = await outcome('x', 'dm:1897000000000000102');
    expect(row).toMatchObject({ action: 'handoff', reason: 'media_only', text: '[첨부 파일 / attachment]' });
    const media = X.photoDm.direct_message_events[0].message_create.message_data.attachment.media;
    expect((row.card as { media: unknown[] }).media).toEqual([{ kind: 'image', url: media.media_url_https }]);
  });
});

describe('Kakao: a skill request with and without a callback URL', () => {
  test('without callbackUrl: the SkillResponse carries the answer', async () => {
    const res = await post(`${app.url}/webhooks/kakao`, kakaoDelivery(KAKAO_SECRET, kakaoSkill('가족관계증명서 어디서 떼요', undefined, 'kakao-user-1')));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.version).toBe('2.0');
    expect(body.template.outputs[0].simpleText.text).toMatch(/가족관계/);
    const [row] = await database.db
      .selectFrom('messages as m')
      .innerJoin('decisions as d', 'd.message_id', 'm.id')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['d.action', 'd.intent'])
      .where('c.thread_key', '=', 'kakao:kakao-user-1')
      .execute();
    expect(row).toEqual({ action: 'auto_answer', intent: 'cert.family_relation' });
  });

  test('with callbackUrl: useCallback at once, then the answer POSTed to the callback once', async () => {
    const callbackUrl = callbacks.issue(KAKAO_BOT);
    const res = await post(
      `${slowKakao.url}/webhooks/kakao`,
      kakaoDelivery(KAKAO_SECRET, kakaoSkill('여권 재발급은 어디서 하나요?', callbackUrl, 'kakao-user-2')),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: '2.0', useCallback: true });
    const delivered = await eventually(async () => callbacks.delivered[0]);
    expect(delivered.body.version).toBe('2.0');
    expect(delivered.body.template.outputs[0].simpleText.text).toMatch(/여권/);
    expect(callbacks.delivered).toHaveLength(1);
  });
});
