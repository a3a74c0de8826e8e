import { parsePageEvents, PAYLOAD_PREFIX } from '../../channels/facebook/parse';
import { checkMetaSignature } from '../../channels/facebook/verify';
import { metaDelivery, metaSignature, metaStringify } from '../fakes/platform-signers';
import { FakeGraphApi } from '../fakes/fake-graph-api';
import { describeEachDatabaseKind, eventually } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import {
  answerEverything,
  drained,
  PAGE_TOKEN,
  processedInbound,
  startChannelServer,
  storedEvents,
  VERIFY_TOKEN,
  type ChannelServer,
} from './support/channel-server';
import { fbComment, fbMessage, fbPage, META_SECRET, PAGE_ID, post } from './support/payloads';

describe('Meta signature (channels.md vector)', () => {
  const vectorBody = '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"message":{"text":"\\uc548\\ub155"}}]}]}';
  const vectorSig = 'sha256=ec2f4fc35e06c6f699aa20475fa36a247456d5ec211eea9625ac8eaed804dff6';

  it('verifies the escaped vector byte for byte, and not its UTF-8 form', () => {
    expect(checkMetaSignature(vectorSig, META_SECRET, Buffer.from(vectorBody))).toBe('valid');
    const utf8 = JSON.stringify(JSON.parse(vectorBody));
    expect(utf8).toContain('안녕');
    expect(checkMetaSignature(vectorSig, META_SECRET, Buffer.from(utf8))).toBe('invalid');
  });

  it('the fake sender escapes and signs like Meta', () => {
    const obj = { object: 'page', entry: [{ id: '1', time: 1, messaging: [{ message: { text: '안녕' } }] }] };
    expect(metaStringify(obj)).toBe(vectorBody);
    expect(metaSignature(META_SECRET, metaStringify(obj))).toBe(vectorSig);
  });
});

describe('parsePageEvents', () => {
  it('reads Messenger messages, quick-reply and postback choices, and drops echoes', () => {
    const { messages } = parsePageEvents(
      fbPage({
        messaging: [
          fbMessage(),
          fbMessage('m_echo', '우리 답변', { is_echo: true }),
          fbMessage('m_qr', '여권', { quick_reply: { payload: `${PAYLOAD_PREFIX}여권 재발급 방법` } }),
          {
            sender: { id: '7000000000000001' },
            recipient: { id: PAGE_ID },
            timestamp: 1741051426000,
            postback: { title: '처음으로', payload: 'GET_STARTED', mid: 'm_pb' },
          },
          { sender: { id: '7000000000000001' }, recipient: { id: PAGE_ID }, timestamp: 1741051427000, read: { watermark: 1 } },
        ],
      }),
    );
    expect(messages.map((m) => [m.externalId, m.text])).toEqual([
      ['m_AbCdEf123', '운전면허 갱신 기간이 궁금합니다'],
      ['m_qr', '여권 재발급 방법'],
      ['m_pb', '처음으로'],
    ]);
    expect(messages[0]).toMatchObject({
      channel: 'facebook',
      userId: '7000000000000001',
      threadKey: 'fb:dm:7000000000000001',
      isPublic: false,
      replyTarget: { kind: 'messenger', psid: '7000000000000001', pageId: PAGE_ID },
    });
    expect(messages[0]!.sentAt.getTime()).toBe(1741051425000);
  });

  it('reads added feed comments only, not edits, removals or our own replies', () => {
    const { messages } = parsePageEvents(
      fbPage({
        changes: [
          fbComment(),
          fbComment('200000000000001_300000000000002', '7000000000000002', 'edited'),
          fbComment('200000000000001_300000000000003', '7000000000000002', 'remove'),
          fbComment('200000000000001_300000000000004', PAGE_ID),
          { field: 'feed', value: { item: 'reaction', verb: 'add' } },
        ],
      }),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      externalId: 'comment:200000000000001_300000000000001',
      isPublic: true,
      userName: '이영희',
      threadKey: `fb:comment:${PAGE_ID}_200000000000001:7000000000000002`,
      replyTarget: { kind: 'comment', commentId: '200000000000001_300000000000001' },
    });
    expect(messages[0]!.sentAt.getTime()).toBe(1741051499000);
  });

  it('ignores standby events: another app (Page Inbox) owns the thread and answers it', () => {
    expect(parsePageEvents(fbPage({ standby: [fbMessage('m_standby')], messaging: [fbMessage('m_ours')] })).messages.map((m) => m.externalId)).toEqual([
      'm_ours',
    ]);
  });

  it('refuses a wrongly-shaped event with its reason and keeps the others of the delivery', () => {
    const badComment = { field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '200000000000001_300000000000009', post_id: 5, created_time: 1 } };
    const delivery = parsePageEvents(
      fbPage({ messaging: [fbMessage('m_first'), { sender: {}, message: { mid: 'm_nosender' } }, fbMessage('m_last')], changes: [badComment, fbComment()] }),
    );
    expect(delivery.messages.map((m) => m.externalId)).toEqual(['m_first', 'm_last', 'comment:200000000000001_300000000000001']);
    expect(delivery.rejected).toEqual([
      { channel: 'facebook', externalId: 'm_nosender', reason: expect.stringMatching(/entry\.0\.messaging\.1: sender\.id/) },
      {
        channel: 'facebook',
        externalId: 'comment:200000000000001_300000000000009',
        reason: expect.stringMatching(/entry\.0\.changes\.0 \(feed comment\): post_id/),
      },
    ]);
  });

  it('refuses a wrong envelope as a whole', () => {
    expect(() => parsePageEvents({ object: 'instagram', entry: [] })).toThrow(/object/);
    expect(() => parsePageEvents({ object: 'page', entry: [{ id: PAGE_ID, messaging: {} }] })).toThrow(/entry\.0\.messaging/);
  });
});

describeEachDatabaseKind('Facebook webhook route', (kind) => {
  const graph = new FakeGraphApi(PAGE_TOKEN);
  let server: ChannelServer;
  const url = () => `${server.url}/webhooks/facebook`;
  // Ids of this test's own events and Messenger user, so what the shared system stored and sent
  // for one test is told apart from the others'.
  let serial = 0;
  const unique = () => `${Date.now()}${++serial}`;

  beforeAll(async () => {
    await graph.start();
    server = await startChannelServer(kind, { triage: answerEverything, graphUrl: graph.url });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
    await graph.close();
  });

  it('echoes hub.challenge as the raw body for our verify token, 403 otherwise', async () => {
    const ok = await fetch(`${url()}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${url()}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
    expect((await fetch(`${url()}?hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`)).status).toBe(403);
  });

  it('ingests every message and comment of a Korean delivery signed over the escaped bytes', async () => {
    const [mid, commentId] = [`m_${unique()}`, `200000000000001_${unique()}`];
    const delivery = metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(mid)], changes: [fbComment(commentId)] }));
    expect(delivery.body).toContain('\\uc6b4\\uc804'); // 운전, escaped as Meta sends it
    const res = await post(url(), delivery);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, duplicates: 0, rejected: 0 });
    // Both stored and queued: the inbound job triages each.
    const rows = await Promise.all([processedInbound(server.db, 'facebook', mid), processedInbound(server.db, 'facebook', `comment:${commentId}`)]);
    expect(rows.map((row) => row.text)).toContain('운전면허 갱신 기간이 궁금합니다');
  });

  it('refuses missing (401), forged (403) and UTF-8-resigned-as-escaped (403) deliveries', async () => {
    const before = await storedEvents(server.db);
    const delivery = metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(`m_${unique()}`)] }));
    const { 'x-hub-signature-256': sig, ...unsigned } = delivery.headers;
    expect((await post(url(), { body: delivery.body, headers: unsigned })).status).toBe(401);
    expect((await post(url(), { body: delivery.body, headers: { ...unsigned, 'x-hub-signature-256': metaSignature('nope', delivery.body) } })).status).toBe(
      403,
    );
    const utf8 = JSON.stringify(JSON.parse(delivery.body));
    expect((await post(url(), { body: utf8, headers: { ...unsigned, 'x-hub-signature-256': sig! } })).status).toBe(403);
    expect(await storedEvents(server.db)).toBe(before);
  });

  it('stores a message delivered three times once', async () => {
    const [mid, psid] = [`m_${unique()}`, unique()];
    const before = await storedEvents(server.db);
    const delivery = metaDelivery(META_SECRET, fbPage({ messaging: [{ ...fbMessage(mid), sender: { id: psid }, timestamp: Date.now() }] }));
    for (let i = 0; i < 3; i++) expect((await post(url(), delivery)).status).toBe(200);
    expect(await storedEvents(server.db)).toBe(before + 1);
    // Queued once: triaged, and answered on Messenger (inside its 24-hour window) once.
    await processedInbound(server.db, 'facebook', mid);
    await eventually(async () => graph.sent.some((s) => s.recipient.id === psid), 20_000, 'the reply on Messenger');
    await drained(server);
    expect(graph.sent.filter((s) => s.recipient.id === psid)).toHaveLength(1);
  });

  it('answers 400 with a reason for a wrong shape', async () => {
    const res = await post(url(), metaDelivery(META_SECRET, { object: 'page', entry: 'nope' }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/entry/);
  });
});
