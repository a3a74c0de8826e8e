// Facebook sender over the Graph API: Messenger (Send API, split at 2000 chars, 24 h window and
// HUMAN_AGENT tag), public comment replies, and the one private reply a comment allows.
import { PermanentSendError } from '../../pipeline/send-errors';
import { plainReplyText } from '../shared/format';
import { postJson } from '../shared/http-json';
import { splitText, truncate } from '../shared/text';
import type { ChannelSender, OutboundReply, SendResult } from '../../pipeline/channel';
import type { FacebookSenderOptions } from './config';
import { toGraphSendError } from './graph-errors';
import { PAYLOAD_PREFIX } from './parse';
import { assertPrivateReplyOpen, messagingMode } from './window';

const MESSENGER_MAX = 2000;
const COMMENT_MAX = 8000;
const QUICK_REPLY_MAX = 13;
const QUICK_REPLY_TITLE_MAX = 20;

export function createFacebookSender(options: FacebookSenderOptions): ChannelSender {
  const base = `${(options.graphBaseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '')}/${options.graphVersion ?? 'v21.0'}`;
  const now = options.now ?? Date.now;

  async function graphPost(path: string, body: unknown, what: string): Promise<Record<string, unknown>> {
    const url = `${base}/${path}?access_token=${encodeURIComponent(options.pageAccessToken)}`;
    const res = await postJson(url, body, { timeoutMs: options.timeoutMs ?? 10_000 });
    if (res.status < 200 || res.status >= 300) {
      throw toGraphSendError(res, what, { nowMs: now(), defaultRateLimitDelayMs: options.defaultRateLimitDelayMs ?? 60_000 });
    }
    return (res.body ?? {}) as Record<string, unknown>;
  }

  async function sendMessenger(reply: OutboundReply, psid: string): Promise<SendResult> {
    const mode = messagingMode(reply.authoredBy, reply.lastInboundAt, now());
    const chunks = splitText(plainReplyText(reply, { numberedChoices: false }), MESSENGER_MAX);
    const quickReplies = (reply.quickReplies ?? []).slice(0, QUICK_REPLY_MAX).map((q) => ({
      content_type: 'text',
      title: truncate(q.label, QUICK_REPLY_TITLE_MAX),
      payload: `${PAYLOAD_PREFIX}${q.text}`,
    }));
    let firstId: string | undefined;
    // A failure after the first chunk retries the whole reply: the citizen may see a chunk twice,
    // which beats losing the rest (the contract has no per-chunk state).
    for (const [i, text] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const message = last && quickReplies.length > 0 ? { text, quick_replies: quickReplies } : { text };
      const body = await graphPost('me/messages', { recipient: { id: psid }, ...mode, message }, 'Send API');
      firstId ??= typeof body['message_id'] === 'string' ? body['message_id'] : undefined;
    }
    return firstId ? { externalId: firstId } : {};
  }

  async function sendComment(reply: OutboundReply, commentId: string): Promise<SendResult> {
    const text = plainReplyText(reply, { numberedChoices: true });
    if (reply.isPublic) {
      const body = await graphPost(`${encodeURIComponent(commentId)}/comments`, { message: truncate(text, COMMENT_MAX) }, 'comment reply');
      return typeof body['id'] === 'string' ? { externalId: body['id'] } : {};
    }
    assertPrivateReplyOpen(reply.lastInboundAt, now());
    const body = await graphPost(
      'me/messages',
      { recipient: { comment_id: commentId }, messaging_type: 'RESPONSE', message: { text: truncate(text, MESSENGER_MAX) } },
      'private reply',
    );
    return typeof body['message_id'] === 'string' ? { externalId: body['message_id'] } : {};
  }

  return {
    channel: 'facebook',
    async send(reply: OutboundReply): Promise<SendResult> {
      const t = reply.replyTarget;
      if (t['standby'] === 'true') {
        throw new PermanentSendError('another app (e.g. Page Inbox) owns this Messenger thread', 'thread_owned_by_other_app');
      }
      if (t['kind'] === 'messenger' && t['psid']) return sendMessenger(reply, t['psid']);
      if (t['kind'] === 'comment' && t['commentId']) return sendComment(reply, t['commentId']);
      throw new PermanentSendError(`Facebook reply has no usable target (kind ${t['kind'] ?? 'none'})`, 'no_target');
    },
  };
}
