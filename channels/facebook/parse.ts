// Meta Page webhook payloads → InboundMessage[]. Pure. Loops over every entry[], messaging[] and
// changes[]; drops our own echoes and comments, non-"add" comment changes, receipts, reactions
// and standby events (threads another app owns).
import { z } from 'zod';
import type { InboundMessage, MediaKind, MediaRef, ParsedDelivery } from '../../pipeline/channel';
import { parseEachEvent, parseShape, stringAt, withPrefix } from '../shared/shape';
import { ATTACHMENT_ONLY_TEXT } from '../shared/text';

/** Prefix of quick-reply / postback payloads we send: the rest is the text the citizen chose. */
export const PAYLOAD_PREFIX = 'SOTONG:';

// Lenient on purpose: Meta documents receipts without `timestamp` (deliveries) and retries any
// non-200 for hours, so an event we do not act on must never fail the whole delivery.
const attachmentSchema = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      sticker_id: z.union([z.number(), z.string()]).optional(),
      coordinates: z.object({ lat: z.number(), long: z.number() }).optional(),
    })
    .nullish(),
});

const messagingSchema = z.object({
  sender: z.object({ id: z.string() }).optional(),
  recipient: z.object({ id: z.string() }).optional(),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().optional(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.object({ payload: z.string() }).optional(),
      sticker_id: z.union([z.number(), z.string()]).optional(),
      attachments: z.array(attachmentSchema).optional(),
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

// The envelope is checked as a whole (a wrong one is a 400); each event inside it on its own, so
// one wrongly-shaped event is refused while the others of the delivery are stored.
const pageSchema = z.object({
  object: z.literal('page'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().optional(),
      messaging: z.array(z.unknown()).optional(),
      // Threads another app (e.g. Page Inbox) owns: its agents answer there, we may not
      // (Graph refuses with 10/2018300). Only their shape is checked.
      standby: z.array(z.unknown()).optional(),
      changes: z.array(z.unknown()).optional(),
    }),
  ),
});

type MessagingEvent = z.infer<typeof messagingSchema>;

export function parsePageEvents(payload: unknown): ParsedDelivery {
  const page = parseShape(pageSchema, payload, 'Meta page webhook');
  const delivery: ParsedDelivery = { messages: [], rejected: [] };
  page.entry.forEach((entry, i) => {
    const where = (list: string, j: number) => `Meta page webhook entry.${i}.${list}.${j}`;
    parseEachEvent(
      'facebook',
      entry.messaging ?? [],
      (raw, j) => messengerMessage(parseShape(messagingSchema, raw, where('messaging', j)), entry.id, entry.time),
      (raw) => stringAt(raw, 'message', 'mid') ?? stringAt(raw, 'postback', 'mid'),
      delivery,
    );
    parseEachEvent(
      'facebook',
      entry.changes ?? [],
      (raw, j) => commentMessage(parseShape(changeSchema, raw, where('changes', j)), entry.id, where('changes', j)),
      (raw) => withPrefix('comment:', stringAt(raw, 'value', 'comment_id')),
      delivery,
    );
  });
  return delivery;
}

function chosenText(payload: string | undefined): string | undefined {
  return payload?.startsWith(PAYLOAD_PREFIX) ? payload.slice(PAYLOAD_PREFIX.length) : undefined;
}

/** Messenger's thumbs-up ("like") sticker, in its three sizes. */
const LIKE_STICKER_IDS = new Set(['369239263222822', '369239343222814', '369239383222810']);

type Attachment = z.infer<typeof attachmentSchema>;

const KIND_OF_TYPE: Readonly<Record<string, MediaKind>> = {
  image: 'image',
  video: 'video',
  reel: 'video',
  ig_reel: 'video',
  audio: 'audio',
  file: 'file',
  location: 'location',
};

/**
 * The media of one message. A sticker arrives as an `image` with a sticker_id, and during Meta's
 * transition also as a `sticker` attachment: either way it is one sticker (or like), not a photo.
 */
export function messengerMedia(message: NonNullable<MessagingEvent['message']>): MediaRef[] {
  const attachments = message.attachments ?? [];
  const sticker = attachments.find((a) => a.type === 'sticker' || a.payload?.sticker_id !== undefined);
  const stickerId = message.sticker_id ?? sticker?.payload?.sticker_id;
  if (stickerId !== undefined || sticker) {
    return [{ kind: LIKE_STICKER_IDS.has(String(stickerId)) ? 'like' : 'sticker', url: sticker?.payload?.url ?? '' }];
  }
  return attachments.map((a) => ({ kind: KIND_OF_TYPE[a.type] ?? 'file', url: mediaUrl(a) }));
}

function mediaUrl(attachment: Attachment): string {
  const where = attachment.payload?.coordinates;
  if (where) return `geo:${where.lat},${where.long}`; // RFC 5870: shown to agents, never fetched.
  return attachment.payload?.url ?? '';
}

function messengerMessage(event: MessagingEvent, pageId: string, entryTime: number | undefined): InboundMessage[] {
  if (!event.sender) return [];
  let externalId: string | undefined;
  let text: string;
  let media: MediaRef[] = [];
  const timestamp = event.timestamp ?? entryTime ?? Date.now();
  if (event.message) {
    if (event.message.is_echo) return [];
    externalId = event.message.mid;
    media = messengerMedia(event.message);
    text = chosenText(event.message.quick_reply?.payload) ?? (event.message.text?.trim() || (media.length > 0 ? ATTACHMENT_ONLY_TEXT : ''));
  } else if (event.postback) {
    externalId = event.postback.mid ?? `postback:${event.sender.id}:${timestamp}`;
    text = chosenText(event.postback.payload) ?? event.postback.title ?? event.postback.payload ?? '';
  } else {
    return []; // Deliveries, reads, reactions, handover notices: not citizen messages.
  }
  if (!text || !externalId) return [];
  const psid = event.sender.id;
  return [
    {
      channel: 'facebook',
      externalId,
      userId: psid,
      threadKey: `fb:dm:${psid}`,
      isPublic: false,
      text,
      sentAt: new Date(timestamp),
      replyTarget: { kind: 'messenger', psid, pageId },
      ...(media.length > 0 ? { media } : {}),
    },
  ];
}

function commentMessage(change: z.infer<typeof changeSchema>, pageId: string, where: string): InboundMessage[] {
  if (change.field !== 'feed' || change.value['item'] !== 'comment') return [];
  const comment = parseShape(commentSchema, change.value, `${where} (feed comment)`);
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
