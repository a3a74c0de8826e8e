// Kakao sender. A skill can only answer the request it was given: either in the HTTP response
// (routes.ts) or, once, through the request's callbackUrl within a minute. There is no push
// channel for later replies: agents answer Kakao users in Kakao's own 1:1 chat / 상담톡 tools,
// reached through the "상담직원 연결" operator button.
import { PermanentSendError, RetryableSendError } from '../../pipeline/send-errors';
import { postJson, redactUrl } from '../shared/http-json';
import type { ChannelSender, OutboundReply, SendResult } from '../../pipeline/channel';
import type { KakaoSenderOptions } from './config';
import { isAllowedCallback } from './callback-hosts';
import { skillResponse, type SkillResponse } from './skill-response';

/** POSTs a SkillResponse to a one-time callback URL. Any 2xx without a FAIL status is success. */
export async function postCallback(url: string, body: SkillResponse, timeoutMs: number): Promise<void> {
  const res = await postJson(url, body, { timeoutMs });
  const status = (res.body as { status?: unknown } | undefined)?.status;
  if (res.status >= 200 && res.status < 300 && status !== 'FAIL' && status !== 'ERROR') return;
  const where = redactUrl(url);
  if (res.status >= 500) throw new RetryableSendError(`Kakao callback ${where} failed with HTTP ${res.status}`);
  throw new PermanentSendError(`Kakao callback ${where} refused the reply (HTTP ${res.status}, status ${String(status)})`, 'callback_rejected');
}

export function createKakaoSender(options: KakaoSenderOptions = {}): ChannelSender {
  const now = options.now ?? Date.now;
  return {
    channel: 'kakao',
    async send(reply: OutboundReply): Promise<SendResult> {
      const url = reply.replyTarget['callbackUrl'];
      const expiresAt = Date.parse(reply.replyTarget['callbackExpiresAt'] ?? '');
      if (!url || !(now() < expiresAt)) {
        throw new PermanentSendError(
          'Kakao has no push channel for this reply (no fresh callbackUrl); agents answer in Kakao 1:1 chat (상담직원 연결)',
          'no_push_channel',
        );
      }
      if (!isAllowedCallback(url, options.callbackHosts)) {
        throw new PermanentSendError(`Kakao callback ${redactUrl(url)} is not on an allowed Kakao host`, 'callback_not_allowed');
      }
      const lang = reply.replyTarget['lang'] === 'en' ? 'en' : 'ko';
      const body = skillResponse([reply], {
        // The sender sees no decision, so no operator button here; routes.ts adds it when it can.
        handoff: false,
        lang,
        ...(options.cardThumbnailUrl ? { thumbnailUrl: options.cardThumbnailUrl } : {}),
      });
      await postCallback(url, body, options.timeoutMs ?? 10_000);
      return {};
    },
  };
}
