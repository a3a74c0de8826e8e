import { PermanentSendError, RetryableSendError } from '../../pipeline/send-errors';
import { createFacebookSender } from '../../channels/facebook/send';
import { messagingMode } from '../../channels/facebook/window';
import { FakeGraphApi, graphError } from '../fakes/fake-graph-api';
import { sendWithRetries } from './support/retry';
import { outbound } from './support/payloads';

const HOUR = 3600_000;
const NOW = Date.UTC(2025, 2, 10, 3, 0, 0);

function messenger(overrides: Parameters<typeof outbound>[0] = {}) {
  return outbound({
    channel: 'facebook',
    userId: '7000000000000001',
    isPublic: false,
    replyTarget: { kind: 'messenger', psid: '7000000000000001', pageId: '104000000000001' },
    lastInboundAt: new Date(NOW - HOUR),
    ...overrides,
  });
}

describe('Messenger window rules', () => {
  it.each([
    ['bot', 23, { messaging_type: 'RESPONSE' }],
    ['agent', 23, { messaging_type: 'RESPONSE' }],
    ['agent', 25, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }],
    ['agent', 7 * 24 - 1, { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }],
  ] as const)('%s reply %i h after the last message → %j', (who, hours, mode) => {
    expect(messagingMode(who, new Date(NOW - hours * HOUR), NOW)).toEqual(mode);
  });

  it.each([
    ['bot', 25],
    ['agent', 7 * 24 + 1],
  ] as const)('%s reply %i h after the last message → window_closed', (who, hours) => {
    expect(() => messagingMode(who, new Date(NOW - hours * HOUR), NOW)).toThrow(
      expect.objectContaining({ name: 'PermanentSendError', reason: 'window_closed' }),
    );
  });
});

describe('Facebook sender against the fake Graph API', () => {
  let fake: FakeGraphApi;
  const sender = (overrides = {}) => createFacebookSender({ pageAccessToken: 'test-page-token', graphBaseUrl: fake.url, now: () => NOW, ...overrides });

  beforeEach(async () => {
    fake = await new FakeGraphApi().start();
  });
  afterEach(() => fake.close());

  it('sends a bot reply inside 24 h as RESPONSE, with links in the text and quick replies', async () => {
    const result = await sender().send(messenger({ quickReplies: [{ label: '여권 재발급 신청 방법 안내', text: '여권 재발급 신청 방법' }] }));
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ recipient: { id: '7000000000000001' }, messaging_type: 'RESPONSE' });
    expect(fake.sent[0]!.tag).toBeUndefined();
    expect(fake.sent[0]!.text).toContain('정부24 여권: https://www.gov.kr/');
    expect(fake.sent[0]!.quickReplies).toEqual([{ content_type: 'text', title: '여권 재발급 신청 방법 안내', payload: 'SOTONG:여권 재발급 신청 방법' }]);
    expect(result.externalId).toBe('m_fake1');
    expect(fake.server.requests[0]!.path).toBe('/v21.0/me/messages');
  });

  it('tags an agent reply on day 3 HUMAN_AGENT and refuses a bot reply on day 3', async () => {
    const lastInboundAt = new Date(NOW - 72 * HOUR);
    await sender().send(messenger({ authoredBy: 'agent', lastInboundAt }));
    expect(fake.sent[0]).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    const err = await sender()
      .send(messenger({ lastInboundAt }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.reason).toBe('window_closed');
    expect(fake.sent).toHaveLength(1);
  });

  it('splits a reply over 2000 characters into several messages, none over the limit', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `${i + 1}번째 안내 문장입니다.`).join(' ');
    await sender().send(messenger({ text, links: [] }));
    expect(fake.sent.length).toBeGreaterThan(1);
    for (const m of fake.sent) expect(Array.from(m.text).length).toBeLessThanOrEqual(2000);
    expect(fake.sent.map((m) => m.text).join(' ')).toBe(text);
  });

  it('replies publicly to a comment, and privately only once', async () => {
    const comment = { kind: 'comment', commentId: '200000000000001_300000000000001', postId: '104000000000001_200000000000001' };
    const pub = await sender().send(outbound({ channel: 'facebook', replyTarget: comment, lastInboundAt: new Date(NOW - HOUR) }));
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0]).toMatchObject({ commentId: comment.commentId });
    expect(pub.externalId).toBe(fake.comments[0]!.id);

    const priv = outbound({ channel: 'facebook', isPublic: false, replyTarget: comment, lastInboundAt: new Date(NOW - HOUR) });
    await sender().send(priv);
    expect(fake.sent[0]!.recipient).toEqual({ comment_id: comment.commentId });
    const again = await sender()
      .send(priv)
      .catch((e) => e);
    expect(again).toBeInstanceOf(PermanentSendError);
    expect(again.reason).toBe('already_replied');
  });

  it('refuses to answer a thread another app owns (standby) without calling Graph', async () => {
    const err = await sender()
      .send(messenger({ replyTarget: { kind: 'messenger', psid: '7000000000000001', standby: 'true' } }))
      .catch((e) => e);
    expect(err.reason).toBe('thread_owned_by_other_app');
    expect(fake.server.requests).toHaveLength(0);
  });

  it('maps rate limits to RetryableSendError with a delay', async () => {
    fake.server.script('POST /v21.0/me/messages', { ...graphError(400, 613, 'Calls to this api have exceeded the rate limit.') });
    const err = await sender({ defaultRateLimitDelayMs: 30_000 })
      .send(messenger())
      .catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
    expect(err.retryAfterMs).toBe(30_000);

    fake.server.script('POST /v21.0/me/messages', {
      ...graphError(429, 32, 'Page request limit reached'),
      headers: { 'x-business-use-case-usage': JSON.stringify({ '104000000000001': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 5 }] }) },
    });
    const buc = await sender()
      .send(messenger())
      .catch((e) => e);
    expect(buc.retryAfterMs).toBe(5 * 60_000);
  });

  it.each([
    [graphError(400, 10, 'outside window', 2018278), 'window_closed'],
    [graphError(400, 10, 'another app', 2018300), 'thread_owned_by_other_app'],
    [graphError(400, 551, "This person isn't available right now."), 'user_unavailable'],
    [graphError(400, 190, 'Error validating access token'), 'token_invalid'],
  ])('maps Graph error %j to PermanentSendError %s', async (response, reason) => {
    fake.server.script('POST /v21.0/me/messages', response);
    const err = await sender()
      .send(messenger())
      .catch((e) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.reason).toBe(reason);
  });

  it('retries 5xx, and a message that fails twice then succeeds is sent once', async () => {
    fake.server.script('POST /v21.0/me/messages', graphError(500, 2, 'Service temporarily unavailable'), { status: 502, body: '<html>Bad Gateway</html>' });
    const run = await sendWithRetries(sender(), messenger());
    expect(run.attempts).toBe(3);
    expect(fake.sent).toHaveLength(1);
  });
});
