import { parseXActivity, stripLeadingMentions } from '../../channels/x/parse';
import { xWebhookRouter } from '../../channels/x/routes';
import { checkXSignature, crcResponse } from '../../channels/x/verify';
import { xDelivery, xSignature } from '../fakes/platform-signers';
import express from 'express';
import { FakeXApi } from '../fakes/fake-x-api';
import { describeEachDatabaseKind, eventually } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startApp } from './support/app';
import { answerEverything, drained, processedInbound, startChannelServer, storedEvents, type ChannelServer } from './support/channel-server';
import { post, X_ACCOUNT, X_SECRET, xActivity, xDm, xMention } from './support/payloads';

describe('X verification (channels.md vectors)', () => {
  it('answers the CRC vector', () => {
    expect(crcResponse('test_consumer_secret', 'crc-token-123')).toEqual({
      response_token: 'sha256=WTP6ckqLOLFsB+woMqoUFnbdaUQZslRlj+Df7hg+aVo=',
    });
  });

  it('checks the POST signature vector, and refuses a changed body or a missing header', () => {
    const body = Buffer.from('{"for_user_id":"1500000000000000001","direct_message_events":[]}');
    const header = 'sha256=MhoBRX0UqZuuc/iruwsVryStPlb5ilRJoqrM8QK3JHk=';
    expect(checkXSignature(header, X_SECRET, body)).toBe('valid');
    expect(checkXSignature(header, X_SECRET, Buffer.from(body.toString().replace('[]', '[ ]')))).toBe('invalid');
    expect(checkXSignature(header, 'other_secret', body)).toBe('invalid');
    expect(checkXSignature(undefined, X_SECRET, body)).toBe('missing');
  });
});

describe('parseXActivity', () => {
  it('reads mentions by id_str, strips the leading @handles and prefers extended_tweet', () => {
    const [m] = parseXActivity(
      xActivity({ tweets: [xMention('1897000000000000001', { extended_tweet: { full_text: '@gov_helpline @friend 긴 질문입니다 @someone 포함' } })] }),
      X_ACCOUNT,
    ).messages;
    expect(m).toMatchObject({
      channel: 'x',
      externalId: 'tw:1897000000000000001',
      userId: '42424242',
      userHandle: 'citizen_kim',
      isPublic: true,
      text: '긴 질문입니다 @someone 포함',
      replyTarget: { kind: 'tweet', tweetId: '1897000000000000001' },
    });
    expect(m!.sentAt.toISOString()).toBe('2025-03-04T01:23:45.000Z');
  });

  it('reads DMs as private messages keyed dm:<id>', () => {
    const [m] = parseXActivity(xActivity({ dms: [xDm()] }), X_ACCOUNT).messages;
    expect(m).toMatchObject({
      externalId: 'dm:1897000000000000101',
      threadKey: 'x:dm:42424242',
      isPublic: false,
      text: '주민등록등본 발급 방법 알려주세요',
      replyTarget: { kind: 'dm', participantId: '42424242' },
      userName: '김민수',
    });
    expect(m!.sentAt.getTime()).toBe(1741051425000);
  });

  it('drops our own tweets and DMs (loop guard), retweets and bare mentions', () => {
    const own = xMention('1897000000000000002', { user: { id_str: X_ACCOUNT, screen_name: 'gov_helpline' } });
    const retweet = xMention('1897000000000000003', { retweeted_status: { id_str: '1' } });
    const bare = xMention('1897000000000000004', { text: '@gov_helpline ' });
    const ownDm = xDm('1897000000000000102', X_ACCOUNT, '답변드립니다');
    expect(parseXActivity(xActivity({ tweets: [own, retweet, bare], dms: [ownDm] }), X_ACCOUNT)).toEqual({ messages: [], rejected: [] });
  });

  it('keeps mentions of us inside the text', () => {
    expect(stripLeadingMentions('@gov_helpline @a 질문 @gov_helpline 맞나요')).toBe('질문 @gov_helpline 맞나요');
  });

  it('refuses a wrongly-shaped event with its reason and keeps the others of the delivery', () => {
    const delivery = parseXActivity(
      xActivity({
        tweets: [xMention('1897000000000000011'), { id_str: '1897000000000000012', text: 5 }, xMention('1897000000000000013')],
        dms: [{ type: 'message_create', id: '1897000000000000111', created_timestamp: 'yesterday' }, xDm()],
      }),
      X_ACCOUNT,
    );
    expect(delivery.messages.map((m) => m.externalId)).toEqual(['tw:1897000000000000011', 'tw:1897000000000000013', 'dm:1897000000000000101']);
    expect(delivery.rejected).toEqual([
      { channel: 'x', externalId: 'tw:1897000000000000012', reason: expect.stringMatching(/X activity tweet_create_events\.1: created_at/) },
      { channel: 'x', externalId: 'dm:1897000000000000111', reason: expect.stringMatching(/X activity direct_message_events\.0: created_timestamp/) },
    ]);
  });

  it('refuses a wrong envelope as a whole', () => {
    expect(() => parseXActivity({ tweet_create_events: [] }, X_ACCOUNT)).toThrow(/for_user_id/);
    expect(() => parseXActivity({ for_user_id: X_ACCOUNT, tweet_create_events: {} }, X_ACCOUNT)).toThrow(/tweet_create_events/);
  });
});

describeEachDatabaseKind('X webhook route', (kind) => {
  const x = new FakeXApi();
  let server: ChannelServer;
  const url = () => `${server.url}/webhooks/x`;
  // Ids of this test's own events and citizen, so what the shared system stored and sent for one
  // test is told apart from the others'.
  let serial = 0n;
  const unique = () => String(1_898_000_000_000_000_000n + BigInt(Date.now()) * 1000n + ++serial);

  beforeAll(async () => {
    await x.start();
    server = await startChannelServer(kind, { triage: answerEverything, xApiUrl: x.url });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
    await x.close();
  });

  it('answers the CRC GET with the vector token, and 400 without a token', async () => {
    const res = await fetch(`${url()}?crc_token=crc-token-123`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_token: 'sha256=WTP6ckqLOLFsB+woMqoUFnbdaUQZslRlj+Df7hg+aVo=' });
    expect((await fetch(url())).status).toBe(400);
  });

  it('refuses the CRC signing-oracle forgery: a JSON body as crc_token gets no signature, and no POST signed by a CRC answer is accepted', async () => {
    const before = await storedEvents(server.db);
    const refusals = () => server.logLines.filter((line) => line.includes('x: refused a CRC request')).length;
    const refusedBefore = refusals();
    // The attack: ask the CRC endpoint to "sign" a forged delivery, then POST it with that answer.
    const forgedBody = JSON.stringify(xActivity({ dms: [xDm(unique(), '777', '내 번호로 답장 주세요')] }));
    const crc = await fetch(`${url()}?crc_token=${encodeURIComponent(forgedBody)}`);
    expect(crc.status).toBe(400);
    expect(await crc.json()).toMatchObject({ error: { code: 'SOTONG_ERR_VALIDATION', details: { reason: 'crc_token_invalid' } } });
    expect(refusals() - refusedBefore).toBe(1);
    for (const token of ['{"a":1}', '[1]', '"x"', 'a b', 'x'.repeat(129)]) {
      expect((await fetch(`${url()}?crc_token=${encodeURIComponent(token)}`)).status).toBe(400);
    }
    expect(() => crcResponse(X_SECRET, forgedBody)).toThrow(/crc_token/);
    // A well-formed token's answer never validates a body an attacker can POST: such a token is
    // not a JSON object, so the webhook refuses it before any event is stored.
    const token = 'eyJhIjoxfQ==';
    const answer = (await (await fetch(`${url()}?crc_token=${token}`)).json()) as { response_token: string };
    const replay = await post(url(), { body: token, headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': answer.response_token } });
    expect(replay.status).toBe(400);
    expect(await storedEvents(server.db)).toBe(before);
  });

  it('rate-limits CRC requests through the limiter it is given', async () => {
    let calls = 0;
    const app = await startApp(
      xWebhookRouter(
        {
          consumerSecret: X_SECRET,
          accountId: X_ACCOUNT,
          crcLimit: (_req, res, next) => (++calls > 2 ? void res.status(429).end() : next()),
        },
        server.composed.pipeline,
      ),
    );
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${app.url}/webhooks/x?crc_token=crc-token-123`)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });

  it('ingests every event of a signed delivery, queued', async () => {
    const [tweet, dm] = [unique(), unique()];
    const res = await post(url(), xDelivery(X_SECRET, xActivity({ tweets: [xMention(tweet)], dms: [xDm(dm)] })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, duplicates: 0, rejected: 0 });
    // Both stored and queued: the inbound job triages each.
    await processedInbound(server.db, 'x', `tw:${tweet}`);
    await processedInbound(server.db, 'x', `dm:${dm}`);
  });

  it('refuses a missing signature with 401 and a forged one with 403, storing nothing', async () => {
    const before = await storedEvents(server.db);
    const delivery = xDelivery(X_SECRET, xActivity({ dms: [xDm(unique())] }));
    const { 'x-twitter-webhooks-signature': _, ...unsigned } = delivery.headers;
    expect((await post(url(), { body: delivery.body, headers: unsigned })).status).toBe(401);
    const forged = { ...delivery.headers, 'x-twitter-webhooks-signature': xSignature('wrong_secret', delivery.body) };
    expect((await post(url(), { body: delivery.body, headers: forged })).status).toBe(403);
    const tampered = { body: delivery.body.replace('주민등록등본', '가족관계증명서'), headers: delivery.headers };
    expect((await post(url(), tampered)).status).toBe(403);
    expect(await storedEvents(server.db)).toBe(before);
  });

  it('stores the same event delivered three times once', async () => {
    const [dm, citizen] = [unique(), unique()];
    const before = await storedEvents(server.db);
    const delivery = xDelivery(X_SECRET, xActivity({ dms: [xDm(dm, citizen)] }));
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await post(url(), delivery)).json());
    expect(answers.map((a) => a.duplicates)).toEqual([0, 1, 1]);
    expect(await storedEvents(server.db)).toBe(before + 1);
    // Queued once: triaged, and answered by DM once.
    await processedInbound(server.db, 'x', `dm:${dm}`);
    await eventually(async () => x.dms.some((sent) => sent.participantId === citizen), 20_000, 'the reply by DM');
    await drained(server);
    expect(x.dms.filter((sent) => sent.participantId === citizen)).toHaveLength(1);
  });

  it('answers 400 with a reason for bad JSON and a wrong shape', async () => {
    const raw = '{nope';
    const bad = await post(url(), { body: raw, headers: { 'x-twitter-webhooks-signature': xSignature(X_SECRET, raw) } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
    const shape = await post(url(), xDelivery(X_SECRET, { direct_message_events: [] }));
    expect(shape.status).toBe(400);
    expect((await shape.json()).error.message).toMatch(/for_user_id/);
  });

  it('says clearly when a JSON body parser was mounted before a channel router', async () => {
    const before = await storedEvents(server.db);
    const app = express();
    app.use(express.json());
    app.use(xWebhookRouter({ consumerSecret: X_SECRET, accountId: X_ACCOUNT }, server.composed.pipeline));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ detail: err.message });
    });
    const listening = app.listen(0, '127.0.0.1');
    await new Promise((r) => listening.once('listening', r));
    const { port } = listening.address() as import('node:net').AddressInfo;
    const res = await post(`http://127.0.0.1:${port}/webhooks/x`, xDelivery(X_SECRET, xActivity({ dms: [xDm(unique())] })));
    expect(res.status).toBe(500);
    expect((await res.json()).detail).toMatch(/mount channel routers first/);
    listening.close();
    expect(await storedEvents(server.db)).toBe(before);
  });
});
