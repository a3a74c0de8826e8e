// One delivery with good, bad and good events: both good ones are stored and queued, the bad one
// is recorded as rejected with its reason, and the platform gets a 2xx (a 5xx would make it
// resend the good ones forever). Text the database would refuse (NUL) or that is too long is
// cleaned or cut at the edge instead of failing the request.
import { facebookWebhookRouter } from '../../channels/facebook/routes';
import { TRUNCATION_MARKER } from '../../bot/sanitize-text';
import { MAX_TEXT_LENGTH } from '../../pipeline/ingest';
import { metaDelivery } from '../fakes/platform-signers';
import { startApp, type RunningApp } from '../channels/support/app';
import { fbMessage, fbPage, META_SECRET, PAGE_ID, post } from '../channels/support/payloads';
import { IN_PROCESS, describeEachDatabase } from '../support/backends';
import { buildHarness, type Harness } from '../support/pipeline-harness';

describeEachDatabase('a poison event in a delivery', (current) => {
  let harness: Harness;
  let app: RunningApp;
  const url = () => `${app.url}/webhooks/facebook`;

  beforeEach(async () => {
    harness = buildHarness(current(), IN_PROCESS);
    app = await startApp(facebookWebhookRouter({ appSecret: META_SECRET, verifyToken: 'v', pageId: PAGE_ID }, harness.pipeline));
  });
  afterEach(async () => {
    await app.close();
    await harness.jobs.close();
  });

  const stored = (externalId: string) =>
    current().db.selectFrom('messages').selectAll().where('channel', '=', 'facebook').where('external_id', '=', externalId).executeTakeFirst();
  const rejected = (externalId: string) => current().db.selectFrom('rejected_events').selectAll().where('external_id', '=', externalId).execute();

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
    expect((await stored(`m_good1_${tag}`))?.status).toBe('received');
    expect((await stored(`m_good2_${tag}`))?.status).toBe('received');
    expect(await stored(badId)).toBeUndefined();
    const rows = await rejected(badId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toMatch(reason);
    expect((await harness.jobs.depth()).inbound).toBe(2);
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
    expect((await post(url(), delivery)).status).toBe(200);
    // The job is lost (Redis wiped, process killed): a fresh queue knows nothing of it.
    await harness.jobs.close();
    harness = buildHarness(current(), IN_PROCESS);
    await app.close();
    app = await startApp(facebookWebhookRouter({ appSecret: META_SECRET, verifyToken: 'v', pageId: PAGE_ID }, harness.pipeline));
    const res = await post(url(), delivery);
    expect(await res.json()).toEqual({ received: 1, duplicates: 1, rejected: 0 });
    expect((await harness.jobs.depth()).inbound).toBe(1);
  });
});
