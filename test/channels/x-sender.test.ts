import { TwitterApi } from 'twitter-api-v2';
import { PermanentSendError, RetryableSendError } from '../../pipeline/send-errors';
import { createXClient } from '../../channels/x/client';
import { createXSender, publicReplyText } from '../../channels/x/send';
import { fitTweet, tweetWeight } from '../../channels/x/tweet-length';
import { FakeXApi } from '../fakes/fake-x-api';
import { sendWithRetries } from './support/retry';
import { outbound } from './support/payloads';

describe('tweet length', () => {
  it('weighs Hangul 2, Latin 1 and every URL 23', () => {
    expect(tweetWeight('abc')).toBe(3);
    expect(tweetWeight('여권')).toBe(4);
    expect(tweetWeight('see https://www.gov.kr/a/very/long/path?with=query')).toBe(4 + 23);
  });

  it('fits a long Korean answer with links and the case reference into 280', () => {
    const text = '여권 재발급 안내입니다. '.repeat(30);
    const tweet = fitTweet({ text, urls: ['https://www.gov.kr/a', 'https://www.mofa.go.kr/b', 'https://c.go.kr'], caseRef: 'ab12cd34' });
    expect(tweetWeight(tweet)).toBeLessThanOrEqual(280);
    expect(tweet).toContain('(ref. ab12cd34)');
    expect(tweet).toContain('https://www.gov.kr/a');
    expect(tweet).not.toContain('https://c.go.kr'); // at most two links in a public reply
    expect(tweet).toContain('…');
  });
});

describe('X sender against the fake X API, with the real twitter-api-v2 client', () => {
  let fake: FakeXApi;
  let client: TwitterApi;
  beforeEach(async () => {
    fake = await new FakeXApi().start();
    client = createXClient({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'ts', apiBaseUrl: fake.url });
  });
  afterEach(() => fake.close());

  it('replies to a mention within 280 weighted chars, in reply to the tweet', async () => {
    const sender = createXSender(client);
    const reply = outbound({ text: '여권 안내 '.repeat(80) });
    const result = await sender.send(reply);
    expect(fake.tweets).toHaveLength(1);
    expect(fake.tweets[0]!.inReplyTo).toBe('1897000000000000001');
    expect(tweetWeight(fake.tweets[0]!.text)).toBeLessThanOrEqual(280);
    expect(result.externalId).toBe(fake.tweets[0]!.id);
    const request = fake.server.requestsTo('POST', /^\/2\/tweets$/)[0]!;
    expect(request.body).toEqual({ text: publicReplyText(reply), reply: { in_reply_to_tweet_id: '1897000000000000001' } });
  });

  it('sends the same answer to two citizens without a duplicate-text 403 (case reference)', async () => {
    const sender = createXSender(client);
    await sender.send(outbound({ outboxId: 'out-000001' }));
    await sender.send(outbound({ outboxId: 'out-000002', replyTarget: { kind: 'tweet', tweetId: '1897000000000000009' } }));
    expect(fake.tweets).toHaveLength(2);
    expect(fake.tweets[0]!.text).not.toBe(fake.tweets[1]!.text);
  });

  it('sends DMs with links and numbered choices', async () => {
    const sender = createXSender(client);
    const result = await sender.send(
      outbound({
        isPublic: false,
        replyTarget: { kind: 'dm', participantId: '42424242' },
        quickReplies: [
          { label: '여권', text: '여권 재발급' },
          { label: '등본', text: '등본 발급' },
        ],
      }),
    );
    expect(fake.dms).toHaveLength(1);
    expect(fake.dms[0]).toMatchObject({ participantId: '42424242' });
    expect(fake.dms[0]!.text).toContain('정부24 여권: https://www.gov.kr/');
    expect(fake.dms[0]!.text).toContain('2. 등본 발급');
    expect(result.externalId).toBe(fake.dms[0]!.eventId);
  });

  it('turns a 429 into RetryableSendError waiting until x-rate-limit-reset', async () => {
    const now = Date.now();
    fake.resetEpochSeconds = Math.floor(now / 1000) + 120;
    fake.server.script('POST /2/tweets', fake.tooManyRequests());
    const sender = createXSender(client, { now: () => now, random: () => 0 });
    const err = await sender.send(outbound()).catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
    expect(err.retryAfterMs).toBe(fake.resetEpochSeconds * 1000 - now + 1000); // reset + 1 s margin
  });

  it('sends a 429 far beyond the retry cap to a person instead of waiting', async () => {
    fake.resetEpochSeconds = Math.floor(Date.now() / 1000) + 6 * 3600;
    fake.server.script('POST /2/dm_conversations/with/:id/messages', fake.tooManyRequests());
    const err = await createXSender(client)
      .send(outbound({ isPublic: false, replyTarget: { kind: 'dm', participantId: '42424242' } }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.reason).toBe('rate_limited');
  });

  it('retries 5xx, and a reply that fails twice then succeeds is sent once', async () => {
    fake.resetEpochSeconds = Math.floor(Date.now() / 1000) + 60;
    fake.server.script('POST /2/tweets', fake.serverError(503), fake.tooManyRequests());
    const run = await sendWithRetries(createXSender(client), outbound());
    expect(run.attempts).toBe(3);
    expect(run.delays[0]).toBeUndefined(); // 5xx: the job's own backoff
    expect(run.delays[1]).toBeGreaterThan(0); // 429: the reset
    expect(fake.tweets).toHaveLength(1);
    expect(fake.server.requestsTo('POST', /^\/2\/tweets$/)).toHaveLength(3);
  });

  it('turns a 403 into PermanentSendError (reply or DM not allowed)', async () => {
    fake.server.script('POST /2/dm_conversations/with/:id/messages', {
      status: 403,
      headers: fake.rateLimitHeaders(),
      body: { detail: 'You cannot send messages to this user.', type: 'about:blank', title: 'Forbidden', status: 403 },
    });
    const err = await createXSender(client)
      .send(outbound({ isPublic: false, replyTarget: { kind: 'dm', participantId: '42424242' } }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.reason).toBe('dm_not_allowed');
    expect(fake.dms).toHaveLength(0);
  });

  it('turns a refused connection into RetryableSendError', async () => {
    await fake.close();
    const err = await createXSender(client)
      .send(outbound())
      .catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
  });
});
