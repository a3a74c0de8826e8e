// Meta Page webhook payloads → InboundMessage[]. Pure. Loops over every entry[], messaging[],
// standby[] and changes[]; drops our own echoes and comments, and non-"add" comment changes.
import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/channel';
import { parseShape } from '../shared/shape';
import { ATTACHMENT_ONLY_TEXT } from '../shared/text';

/** Prefix of quick-reply / postback payloads we send: the rest is the text the citizen chose. */
export const PAYLOAD_PREFIX = 'SOTONG:';

const messagingSchema = z.object({
  sender: z.object({ id: z.string() }),
  recipient: z.object({ id: z.string() }).optional(),
  timestamp: z.number(),
  message: z
    .object({
      mid: z.string(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
      attachments: z.array(z.object({ type: z.string() })).optional(),
    })
    .optional(),
  postback: z.object({ title: z.string().optional(), payload: z.string().optional(), mid: z.string().optional() }).optional(),
});

const changeSchema = z.object({
  field: z.string(),
  value: z.record(z.string(), z.unknown()),
});

const commentSchema = z.object({
  item: z.literal('comment'),
  verb: z.string(),
  comment_id: z.string(),
  post_id: z.string(),
  created_time: z.number(),
  message: z.string().optional(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
});

const pageSchema = z.object({
  object: z.literal('page'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number(),
      messaging: z.array(messagingSchema).optional(),
      standby: z.array(messagingSchema).optional(),
      changes: z.array(changeSchema).optional(),
    }),
  ),
});

type MessagingEvent = z.infer<typeof messagingSchema>;

export function parsePageEvents(payload: unknown): InboundMessage[] {
  const page = parseShape(pageSchema, payload, 'Meta page webhook');
  return page.entry.flatMap((entry) => [
    ...(entry.messaging ?? []).flatMap((e) => messengerMessage(e, entry.id, false)),
    // Another app (e.g. Page Inbox) owns these threads: stored for the transcript, marked so the
    // sender refuses to answer them (Graph would reject with 10/2018300).
    ...(entry.standby ?? []).flatMap((e) => messengerMessage(e, entry.id, true)),
    ...(entry.changes ?? []).flatMap((c) => commentMessage(c, entry.id)),
  ]);
}

function chosenText(payload: string | undefined): string | undefined {
  return payload?.startsWith(PAYLOAD_PREFIX) ? payload.slice(PAYLOAD_PREFIX.length) : undefined;
}

function messengerMessage(event: MessagingEvent, pageId: string, standby: boolean): InboundMessage[] {
  let externalId: string;
  let text: string;
  if (event.message) {
    if (event.message.is_echo) return [];
    externalId = event.message.mid;
    text =
      chosenText(event.message.quick_reply?.payload) ??
      (event.message.text?.trim() ||
        (event.message.attachments?.length ? ATTACHMENT_ONLY_TEXT : ''));
  } else if (event.postback) {
    externalId = event.postback.mid ?? `postback:${event.sender.id}:${event.timestamp}`;
    text = chosenText(event.postback.payload) ?? event.postback.title ?? event.postback.payload ?? '';
  } else {
    return []; // Deliveries, reads, handover notices: not citizen messages.
  }
  if (!text) return [];
  const psid = event.sender.id;
  return [
    {
      channel: 'facebook',
      externalId,
      userId: psid,
      threadKey: `fb:dm:${psid}`,
      isPublic: false,
      text,
      sentAt: new Date(event.timestamp),
      replyTarget: { kind: 'messenger', psid, pageId, ...(standby ? { standby: 'true' } : {}) },
    },
  ];
}

function commentMessage(change: z.infer<typeof changeSchema>, pageId: string): InboundMessage[] {
  if (change.field !== 'feed' || change.value['item'] !== 'comment') return [];
  const comment = parseShape(commentSchema, change.value, 'Meta feed comment');
  if (comment.verb !== 'add' || comment.from?.id === pageId) return [];
  const text = comment.message?.trim();
  if (!text) return [];
  // `from` is missing when Meta withholds the author; the comment itself still needs an answer.
  const userId = comment.from?.id ?? `comment:${comment.comment_id}`;
  return [
    {
      channel: 'facebook',
      externalId: `comment:${comment.comment_id}`,
      userId,
      ...(comment.from?.name ? { userName: comment.from.name } : {}),
      threadKey: `fb:comment:${comment.post_id}:${userId}`,
      isPublic: true,
      text,
      sentAt: new Date(comment.created_time * 1000),
      replyTarget: { kind: 'comment', commentId: comment.comment_id, postId: comment.post_id, pageId },
    },
  ];
}
