// One delivery with good, bad and good events: both good ones are stored and queued, the bad one
// is recorded as rejected with its reason, and the platform gets a 2xx (a 5xx would make it
// resend the good ones forever). Text the database would refuse (NUL) or that is too long is
// cleaned or cut at the edge instead of failing the request. The system is the one compose builds:
// PGlite with in-process jobs, and PostgreSQL with BullMQ.
import { parsePageEvents } from '../../channels/facebook/parse';
import { TRUNCATION_MARKER } from '../../bot/sanitize-text';
import { MAX_TEXT_LENGTH } from '../../pipeline/ingest';
import type { ChannelId } from '../../pipeline/channel';
import { metaDelivery, xDelivery, type Delivery } from '../fakes/platform-signers';
import { processedInbound, startChannelServer, storedInbound, type ChannelServer } from '../channels/support/channel-server';
import { fbComment, fbMessage, fbPage, META_SECRET, post, X_SECRET, xActivity, xDm, xMention } from '../channels/support/payloads';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { exactTriage } from '../support/pipeline-fixtures';

describeEachDatabaseKind('a poison event in a delivery', (kind) => {
  let server: ChannelServer;
  let addJob: jest.SpiedFunction<ChannelServer['composed']['jobs']['add']>;
  const url = () => `${server.url}/webhooks/facebook`;

  beforeAll(async () => {
    // Declines without a reply: these tests are about what is stored and queued.
    server = await startChannelServer(kind, { triage: exactTriage({}) });
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => server?.close());
  beforeEach(() => {
    addJob = jest.spyOn(server.composed.jobs, 'add');
  });
  afterEach(() => addJob.mockRestore());

  const stored = (externalId: string) => storedInbound(server.db, 'facebook', externalId);
  const rejected = (externalId: string) => server.db.selectFrom('rejected_events').selectAll().where('external_id', '=', externalId).execute();
  /** Inbound jobs this test queued. */
  const inboundJobs = () => addJob.mock.calls.filter(([name]) => name === 'inbound').length;
  /** Stored and queued: the inbound job triages it (the webhooks never triage inline). */
  const queued = (channel: ChannelId, externalId: string) => processedInbound(server.db, channel, externalId);

  test.each([
    ['an impossible timestamp', (mid: string) => ({ ...fbMessage(mid, '나쁜 시각'), timestamp: 8.64e15 + 1 }), /sentAt must be a valid Date/],
    ['an empty sender id', (mid: string) => ({ ...fbMessage(mid, '보낸 사람 없음'), sender: { id: '' } }), /userId must be a non-empty string/],
  ])('good, bad (%s), good: both good events stored, the bad one recorded, 200', async (_what, makeBad, reason) => {
    const tag = Math.random().toString(36).slice(2, 8);
    const badId = `m_bad_${tag}`;
    const bad = makeBad(badId);
    const good1 = fbMessage(`m_good1_${tag}`, '여권 재발급 방법');
    const good2 = { ...fbMessage(`m_good2_${tag}`, '운전면허 갱신'), timestamp: 1741051426000 };
    const res = await post(url(), metaDelivery(META_SECRET, fbPage({ messaging: [good1, bad, good2] })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, duplicates: 0, rejected: 1 });
    await queued('facebook', `m_good1_${tag}`);
    await queued('facebook', `m_good2_${tag}`);
    expect(await stored(badId)).toBeUndefined();
    const rows = await rejected(badId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toMatch(reason);
    expect(inboundJobs()).toBe(2);
  });

  // A wrongly-shaped event, refused at parsing, between two good events of its delivery.
  interface WrongShape {
    readonly path: string;
    readonly channel: 'x' | 'facebook';
    readonly delivery: Delivery;
    /** Stored external ids: the two good events, then the bad one. */
    readonly ids: [string, string, string];
  }
  const wrongShapes: [string, RegExp, (n: [string, string, string]) => WrongShape][] = [
    [
      'an X mention without created_at',
      /tweet_create_events\.1: created_at/,
      ([a, b, c]) => ({
        path: '/webhooks/x',
        channel: 'x',
        delivery: xDelivery(X_SECRET, xActivity({ tweets: [xMention(a), { ...xMention(b), created_at: undefined }, xMention(c)] })),
        ids: [`tw:${a}`, `tw:${c}`, `tw:${b}`],
      }),
    ],
    [
      'an X DM with a timestamp that is not a number',
      /direct_message_events\.1: created_timestamp/,
      ([a, b, c]) => ({
        path: '/webhooks/x',
        channel: 'x',
        delivery: xDelivery(X_SECRET, xActivity({ dms: [xDm(a), { ...xDm(b), created_timestamp: 'soon' }, xDm(c)] })),
        ids: [`dm:${a}`, `dm:${c}`, `dm:${b}`],
      }),
    ],
    [
      'a Messenger event whose sender has no id',
      /messaging\.1: sender\.id/,
      ([a, b, c]) => ({
        path: '/webhooks/facebook',
        channel: 'facebook',
        delivery: metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(`m_${a}`), { ...fbMessage(`m_${b}`), sender: {} }, fbMessage(`m_${c}`)] })),
        ids: [`m_${a}`, `m_${c}`, `m_${b}`],
      }),
    ],
    [
      'a feed comment whose post_id is a number',
      /changes\.1 \(feed comment\): post_id/,
      ([a, b, c]) => {
        const bad = fbComment(`200_${b}`);
        return {
          path: '/webhooks/facebook',
          channel: 'facebook',
          delivery: metaDelivery(
            META_SECRET,
            fbPage({ changes: [fbComment(`200_${a}`), { ...bad, value: { ...bad.value, post_id: 5 } }, fbComment(`200_${c}`)] }),
          ),
          ids: [`comment:200_${a}`, `comment:200_${c}`, `comment:200_${b}`],
        };
      },
    ],
  ];

  test.each(wrongShapes)('good, wrongly shaped (%s), good: both good events stored, the bad one recorded, 200', async (_what, reason, make) => {
    const serial = () => String(1_900_000_000_000_000_000n + BigInt(Math.floor(Math.random() * 1e15)));
    const { path, channel, delivery, ids } = make([serial(), serial(), serial()]);
    const res = await post(`${server.url}${path}`, delivery);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 2, duplicates: 0, rejected: 1 });
    await queued(channel, ids[0]);
    await queued(channel, ids[1]);
    expect(await storedInbound(server.db, channel, ids[2])).toBeUndefined();
    const rows = await rejected(ids[2]);
    expect(rows.map((r) => [r.channel, r.reason])).toEqual([[channel, expect.stringMatching(reason)]]);
    expect(inboundJobs()).toBe(2);
  });

  test('NUL and other control characters and lone surrogates are stripped, the text NFC-normalised', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const decomposed = '\u1112\u1161\u11ab'; // 한, as jamo
    const text = `여권\u0000 재발급\u0007\ud800 ${decomposed}\r\n끝\t탭`;
    const res = await post(url(), metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(`m_nul_${tag}`, text)] })));
    expect(res.status).toBe(200);
    expect((await stored(`m_nul_${tag}`))?.text).toBe('여권 재발급 한\n끝\t탭');
  });

  test('text over the limit is cut with a marker, never a 5xx', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const res = await post(url(), metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(`m_long_${tag}`, '가'.repeat(MAX_TEXT_LENGTH * 3))] })));
    expect(res.status).toBe(200);
    const row = await stored(`m_long_${tag}`);
    expect(row!.text.length).toBe(MAX_TEXT_LENGTH);
    expect(row!.text.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  test('a redelivered message that was never processed is queued again', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const delivery = metaDelivery(META_SECRET, fbPage({ messaging: [fbMessage(`m_again_${tag}`, '전입신고')] }));
    // Its first delivery was stored but its job is lost (Redis wiped, process killed, or down when
    // it came): the state ingest leaves when it queues nothing.
    const [first] = parsePageEvents(JSON.parse(delivery.body)).messages;
    await server.composed.pipeline.ingest(first!, { enqueue: false });
    expect((await stored(`m_again_${tag}`))?.status).toBe('received');
    expect(inboundJobs()).toBe(0);
    const res = await post(url(), delivery);
    expect(await res.json()).toEqual({ received: 1, duplicates: 1, rejected: 0 });
    expect(inboundJobs()).toBe(1);
    await queued('facebook', `m_again_${tag}`);
  });
});
