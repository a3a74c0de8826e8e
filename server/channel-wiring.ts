// The platform channels the config enables: their webhook routers (API role) and senders (worker
// role). The web channel is always on. Each router answers at '/', mounted at /webhooks/<channel>.
import type { Router } from 'express';
import { facebookWebhookRouter } from '../channels/facebook/routes';
import { createFacebookSender } from '../channels/facebook/send';
import { kakaoSkillRouter } from '../channels/kakao/routes';
import { createKakaoSender } from '../channels/kakao/send';
import type { ChannelId, ChannelSender } from '../pipeline/channel';
import { createWebSender } from '../channels/web/send';
import { createXClient } from '../channels/x/client';
import { xWebhookRouter } from '../channels/x/routes';
import { createXSender } from '../channels/x/send';
import type { MessagePipeline } from '../pipeline/types';
import type { TwitterApi } from 'twitter-api-v2';
import type { Config, XConfig } from './config';
import type { Logger } from '../core/logger';
import { rateLimit } from './middleware/rate-limit';
import type { LimitStore } from '../limits/types';

export function channelRouters(
  channels: Config['channels'],
  pipeline: MessagePipeline,
  logger: Logger,
  limits?: LimitStore,
): Partial<Record<Exclude<ChannelId, 'web'>, Router>> {
  const { x, facebook, kakao } = channels;
  return {
    ...(x && {
      x: xWebhookRouter(
        {
          consumerSecret: x.consumerSecret,
          accountId: x.accountId,
          path: '/',
          crcLimit: rateLimit({
            name: 'x-crc',
            max: 30,
            windowMs: 60_000,
            store: limits,
            onStoreError: (error) => logger.warn('rate limit store unavailable; X CRC limit not applied', { error }),
          }),
          onRefusedCrc: (reason) => logger.warn('x: refused a CRC request', { reason }),
        },
        pipeline,
      ),
    }),
    ...(facebook && {
      facebook: facebookWebhookRouter({ appSecret: facebook.appSecret, verifyToken: facebook.verifyToken, pageId: facebook.pageId, path: '/' }, pipeline),
    }),
    ...(kakao && {
      kakao: kakaoSkillRouter(
        {
          skillSecret: kakao.skillSecret,
          botId: kakao.botId,
          path: '/',
          callbackHosts: kakao.callbackHosts,
          onRefusedCallback: (origin) => logger.warn('kakao: refused a skill request whose callbackUrl is not a Kakao host', { origin }),
          onBackgroundError: (error) => logger.error('kakao callback delivery failed', { error }),
        },
        pipeline,
      ),
    }),
  };
}

/** The twitter-api-v2 client for the helpline account (senders and the mention poller). */
export function xClient(x: XConfig): TwitterApi {
  return createXClient({ appKey: x.apiKey, appSecret: x.consumerSecret, accessToken: x.accessToken, accessSecret: x.accessSecret, apiBaseUrl: x.apiBaseUrl });
}

export function channelSenders(channels: Config['channels']): ReadonlyMap<ChannelId, ChannelSender> {
  const senders = new Map<ChannelId, ChannelSender>([['web', createWebSender()]]);
  const { x, facebook, kakao } = channels;
  if (x) senders.set('x', createXSender(xClient(x)));
  if (facebook) {
    senders.set(
      'facebook',
      createFacebookSender({ pageAccessToken: facebook.pageToken, graphBaseUrl: facebook.graphBaseUrl, graphVersion: facebook.graphVersion }),
    );
  }
  if (kakao) senders.set('kakao', createKakaoSender({ callbackHosts: kakao.callbackHosts }));
  return senders;
}
