// The web channel's sender. A web citizen has no platform to push to: delivery is the live event
// the outbound job publishes once it marks the outbox row sent (`message.created`, which the
// conversation's SSE stream forwards to the chat page). So sending only checks the reply is ours
// and names it; there is nothing that can fail later.
import { PermanentSendError } from '../../pipeline/send-errors';
import type { ChannelSender, OutboundReply, SendResult } from '../../pipeline/channel';

export function createWebSender(): ChannelSender {
  return {
    channel: 'web',
    async send(reply: OutboundReply): Promise<SendResult> {
      if (reply.channel !== 'web') {
        throw new PermanentSendError(`web sender was given a ${reply.channel} reply (outbox ${reply.outboxId})`, 'wrong_channel');
      }
      if (reply.text.trim() === '') {
        throw new PermanentSendError(`outbox ${reply.outboxId} has no text to show`, 'empty_reply');
      }
      return { externalId: `web:${reply.outboxId}` };
    },
  };
}
