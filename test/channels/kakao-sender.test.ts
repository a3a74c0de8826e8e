import { PermanentSendError, RetryableSendError } from '../../pipeline/send-errors';
import { createKakaoSender } from '../../channels/kakao/send';
import { FakeKakaoCallback } from '../fakes/fake-kakao-callback';
import { outbound } from './support/payloads';

describe('Kakao sender (callback)', () => {
  let fake: FakeKakaoCallback;
  beforeEach(async () => {
    fake = await new FakeKakaoCallback().start();
  });
  afterEach(() => fake.close());

  const reply = (callbackUrl?: string, expiresInMs = 50_000) =>
    outbound({
      channel: 'kakao',
      isPublic: false,
      replyTarget: callbackUrl ? { kind: 'skill', callbackUrl, callbackExpiresAt: new Date(Date.now() + expiresInMs).toISOString() } : { kind: 'skill' },
    });

  it('posts one SkillResponse to a fresh callback URL; reusing the URL is refused for good', async () => {
    const r = reply(fake.issue());
    await createKakaoSender({ callbackHosts: [fake.url] }).send(r);
    expect(fake.delivered).toHaveLength(1);
    expect(fake.delivered[0]!.body.template.outputs[1].basicCard.buttons[0].action).toBe('webLink');
    const again = await createKakaoSender({ callbackHosts: [fake.url] })
      .send(r)
      .catch((e) => e);
    expect(again).toBeInstanceOf(PermanentSendError);
    expect(again.reason).toBe('callback_rejected');
    expect(fake.delivered).toHaveLength(1);
  });

  it('has no push channel without a callback URL, or once it expired', async () => {
    for (const r of [reply(), reply(fake.issue(), -1)]) {
      const err = await createKakaoSender({ callbackHosts: [fake.url] })
        .send(r)
        .catch((e) => e);
      expect(err).toBeInstanceOf(PermanentSendError);
      expect(err.reason).toBe('no_push_channel');
    }
    expect(fake.server.requests).toHaveLength(0);
  });

  it('refuses a stored callbackUrl that is not an allowed Kakao host, without calling it', async () => {
    for (const url of [fake.issue(), 'http://169.254.169.254/latest/meta-data', 'https://evil.example/callback/x', 'http://bot-api.kakao.com/callback/x']) {
      const err = await createKakaoSender()
        .send(reply(url))
        .catch((e) => e);
      expect(err).toBeInstanceOf(PermanentSendError);
      expect(err.reason).toBe('callback_not_allowed');
    }
    expect(fake.server.requests).toHaveLength(0);
  });

  it('retries a 5xx from the callback endpoint', async () => {
    const url = fake.issue();
    fake.server.script(`POST ${new URL(url).pathname}`, { status: 503, body: { status: 'ERROR' } });
    const err = await createKakaoSender({ callbackHosts: [fake.url] })
      .send(reply(url))
      .catch((e) => e);
    expect(err).toBeInstanceOf(RetryableSendError);
    await createKakaoSender({ callbackHosts: [fake.url] }).send(reply(url));
    expect(fake.delivered).toHaveLength(1);
  });
});
