// X sender: public replies to mentions (client.v2.reply) and DMs (client.v2.sendDmToParticipant).
import type { TwitterApi } from 'twitter-api-v2';
import { PermanentSendError } from '../../pipeline/send-errors';
import { plainReplyText } from '../shared/format';
import { truncate } from '../shared/text';
import type { ChannelSender, OutboundReply, SendResult } from '../../pipeline/channel';
import type { XSenderOptions } from './config';
import { toSendError } from './send-errors';
import { caseRefOf, fitTweet } from './tweet-length';

/** DMs hold 10,000 characters; links go on their own lines, choices are numbered. */
export function dmText(reply: OutboundReply): string {
  return truncate(plainReplyText(reply, { numberedChoices: true }), 10_000);
}

export function publicReplyText(reply: OutboundReply, maxWeight = 280): string {
  return fitTweet({ text: reply.text, urls: reply.links.map((l) => l.url), caseRef: caseRefOf(reply.outboxId) }, maxWeight);
}

export function createXSender(client: TwitterApi, options: XSenderOptions = {}): ChannelSender {
  const now = options.now ?? Date.now;
  const errorContext = (what: 'reply' | 'dm') => ({
    what,
    nowMs: now(),
    maxRetryDelayMs: options.maxRetryDelayMs ?? 20 * 60_000,
    ...(options.random ? { random: options.random } : {}),
  });

  return {
    channel: 'x',
    async send(reply: OutboundReply): Promise<SendResult> {
      const target = reply.replyTarget;
      if (target['kind'] === 'tweet' && target['tweetId'] && reply.isPublic) {
        try {
          const res = await client.v2.reply(publicReplyText(reply, options.maxTweetWeight), target['tweetId']);
          return { externalId: res.data.id };
        } catch (err) {
          throw toSendError(err, errorContext('reply'));
        }
      }
      // A private answer to a public mention goes by DM to its author.
      const participant = target['kind'] === 'dm' ? target['participantId'] : reply.userId;
      if (!participant) throw new PermanentSendError('X reply has no DM participant or tweet id', 'no_target');
      try {
        const res = await client.v2.sendDmToParticipant(participant, { text: dmText(reply) });
        // The API wraps the result in `data`; the library's type says it does not. Accept both.
        const wrapped = res as unknown as { data?: { dm_event_id?: string }; dm_event_id?: string };
        const id = wrapped.data?.dm_event_id ?? wrapped.dm_event_id;
        return id ? { externalId: id } : {};
      } catch (err) {
        throw toSendError(err, errorContext('dm'));
      }
    },
  };
}
