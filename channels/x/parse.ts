// X Account Activity payloads → InboundMessage[]. Pure. Reads `id_str` only: the numeric `id`
// exceeds 2^53 and JSON.parse has already corrupted it.
import { z } from 'zod';
import type { InboundMessage, MediaRef, ParsedDelivery } from '../../pipeline/channel';
import { parseEachEvent, parseShape, stringAt, withPrefix } from '../shared/shape';
import { ATTACHMENT_ONLY_TEXT } from '../shared/text';

// X media objects (tweets' extended_entities.media, a DM's message_data.attachment.media): `url`
// is the t.co link X puts in the text for it, `media_url_https` the file (DM media needs OAuth).
const mediaSchema = z.object({
  type: z.string(),
  media_url_https: z.string().optional(),
  expanded_url: z.string().optional(),
  url: z.string().optional(),
});
type XMedia = z.infer<typeof mediaSchema>;

const tweetSchema = z.object({
  id_str: z.string().regex(/^\d+$/),
  created_at: z.string(),
  text: z.string(),
  extended_tweet: z.object({ full_text: z.string() }).optional(),
  user: z.object({ id_str: z.string(), screen_name: z.string().optional(), name: z.string().optional() }),
  retweeted_status: z.unknown().optional(),
  extended_entities: z.object({ media: z.array(mediaSchema).optional() }).optional(),
});

const dmSchema = z.object({
  type: z.string(),
  id: z.string(),
  created_timestamp: z.string().regex(/^\d+$/),
  message_create: z
    .object({
      sender_id: z.string(),
      target: z.object({ recipient_id: z.string() }),
      message_data: z.object({
        text: z.string(),
        attachment: z.object({ type: z.string(), media: mediaSchema.optional() }).optional(),
      }),
    })
    .optional(),
});

// The envelope is checked as a whole (a wrong one is a 400); each event inside it on its own, so
// one wrongly-shaped event is refused while the others of the delivery are stored.
const activitySchema = z.object({
  for_user_id: z.string(),
  tweet_create_events: z.array(z.unknown()).optional(),
  direct_message_events: z.array(z.unknown()).optional(),
  users: z.record(z.string(), z.object({ screen_name: z.string().optional(), name: z.string().optional() })).optional(),
});

export type XTweetEvent = z.infer<typeof tweetSchema>;
type XActivity = z.infer<typeof activitySchema>;
type XDmEvent = z.infer<typeof dmSchema>;

/**
 * The leading run of @handles is reply addressing, not the question ("@gov_helpline 여권…"): it is
 * removed so the classifier sees only what the citizen asked. Mentions inside the text stay.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:\s*@\w{1,15})+\s*/u, '').trim();
}

/**
 * Parses one webhook delivery. Drops our own tweets and DMs (loop guard), retweets, non-message
 * DM events, mentions with nothing but @handles, and every other activity (favorites, follows,
 * typing and read receipts), which needs no reply. Throws BadPayloadError on a wrong envelope; a
 * wrongly-shaped event is returned as rejected, with its reason.
 */
export function parseXActivity(payload: unknown, accountId: string): ParsedDelivery {
  const activity = parseShape(activitySchema, payload, 'X activity');
  const delivery: ParsedDelivery = { messages: [], rejected: [] };
  if (activity.for_user_id !== accountId) return delivery; // Another subscribed account's events.
  parseEachEvent(
    'x',
    activity.tweet_create_events ?? [],
    (raw, i) => parseTweet(activity, parseShape(tweetSchema, raw, `X activity tweet_create_events.${i}`)),
    (raw) => withPrefix('tw:', stringAt(raw, 'id_str')),
    delivery,
  );
  parseEachEvent(
    'x',
    activity.direct_message_events ?? [],
    (raw, i) => parseDm(activity, parseShape(dmSchema, raw, `X activity direct_message_events.${i}`)),
    (raw) => withPrefix('dm:', stringAt(raw, 'id')),
    delivery,
  );
  return delivery;
}

const X_MEDIA_KIND: Readonly<Record<string, MediaRef['kind']>> = { photo: 'image', video: 'video', animated_gif: 'video' };

function mediaRefs(media: readonly XMedia[]): MediaRef[] {
  return media.map((m) => ({ kind: X_MEDIA_KIND[m.type] ?? 'file', url: m.media_url_https ?? m.expanded_url ?? m.url ?? '' }));
}

/** The text without the t.co links X appended for the media, which say nothing themselves. */
function withoutMediaLinks(text: string, media: readonly XMedia[]): string {
  return media.reduce((rest, m) => (m.url ? rest.split(m.url).join('') : rest), text).trim();
}

function parseTweet(activity: XActivity, tweet: XTweetEvent): InboundMessage[] {
  if (tweet.user.id_str === activity.for_user_id || tweet.retweeted_status) return [];
  const media = tweet.extended_entities?.media ?? [];
  const message = mentionMessage(
    {
      id: tweet.id_str,
      text: withoutMediaLinks(tweet.extended_tweet?.full_text ?? tweet.text, media),
      media: mediaRefs(media),
      authorId: tweet.user.id_str,
      ...(tweet.user.screen_name ? { handle: tweet.user.screen_name } : {}),
      ...(tweet.user.name ? { name: tweet.user.name } : {}),
    },
    new Date(tweet.created_at),
  );
  return message ? [message] : [];
}

export interface MentionFields {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
  readonly handle?: string;
  readonly name?: string;
  readonly media?: readonly MediaRef[];
}

/** Shared by the webhook and the mention poller so both produce the same externalId ('tw:<id>'). */
export function mentionMessage(tweet: MentionFields, sentAt: Date): InboundMessage | null {
  const media = tweet.media ?? [];
  const text = stripLeadingMentions(tweet.text) || (media.length > 0 ? ATTACHMENT_ONLY_TEXT : '');
  if (!text) return null;
  return {
    channel: 'x',
    externalId: `tw:${tweet.id}`,
    userId: tweet.authorId,
    ...(tweet.handle ? { userHandle: tweet.handle } : {}),
    ...(tweet.name ? { userName: tweet.name } : {}),
    threadKey: `x:tw:${tweet.authorId}`,
    isPublic: true,
    text,
    sentAt: Number.isNaN(sentAt.getTime()) ? new Date() : sentAt,
    replyTarget: { kind: 'tweet', tweetId: tweet.id },
    ...(media.length > 0 ? { media } : {}),
  };
}

function parseDm(activity: XActivity, event: XDmEvent): InboundMessage[] {
  const mc = event.message_create;
  if (event.type !== 'message_create' || !mc || mc.sender_id === activity.for_user_id) return [];
  const sender = activity.users?.[mc.sender_id];
  const attached = mc.message_data.attachment?.media;
  const media = attached ? [attached] : [];
  return [
    {
      channel: 'x',
      externalId: `dm:${event.id}`,
      userId: mc.sender_id,
      ...(sender?.screen_name ? { userHandle: sender.screen_name } : {}),
      ...(sender?.name ? { userName: sender.name } : {}),
      threadKey: `x:dm:${mc.sender_id}`,
      isPublic: false,
      text: withoutMediaLinks(mc.message_data.text, media) || ATTACHMENT_ONLY_TEXT,
      sentAt: new Date(Number(event.created_timestamp)),
      replyTarget: { kind: 'dm', participantId: mc.sender_id },
      ...(media.length > 0 ? { media: mediaRefs(media) } : {}),
    },
  ];
}
