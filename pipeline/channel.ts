// The contract every channel folder (web, x, facebook, kakao) implements: parse what the
// platform sends into InboundMessage, and send an OutboundReply back through the platform.
import { MEDIA_KIND_NAMES, type MediaKindName } from '../bot/media-decision';

export type ChannelId = 'web' | 'x' | 'facebook' | 'kakao';
export const CHANNEL_IDS: readonly ChannelId[] = ['web', 'x', 'facebook', 'kakao'];

/** What a citizen sent besides text. `like` is Messenger's thumbs-up sticker. */
export type MediaKind = MediaKindName;
export const MEDIA_KINDS: readonly MediaKind[] = MEDIA_KIND_NAMES;

/** A platform link to what the citizen sent: referenced on the triage card, never downloaded. */
export interface MediaRef {
  readonly kind: MediaKind;
  /** The platform's own link (CDN, map), or '' when the platform gives none (a sticker id only). */
  readonly url: string;
}

/** A platform event refused as given (wrong shape): recorded with its reason, never stored as a message. */
export interface RejectedInbound {
  readonly channel: ChannelId;
  /** The event's platform id when it had a readable one. */
  readonly externalId: string | null;
  readonly reason: string;
}

/** What one webhook delivery parsed into: the messages to store and the events refused. */
export interface ParsedDelivery {
  readonly messages: InboundMessage[];
  readonly rejected: RejectedInbound[];
}

/** One citizen message, as parsed from a platform event. Text is raw (not yet redacted). */
export interface InboundMessage {
  readonly channel: ChannelId;
  /** Platform id used for dedupe, unique per channel: 'dm:<id>', 'tw:<id_str>', Meta 'mid', … */
  readonly externalId: string;
  /** The citizen's id on the platform (X user id, PSID, Kakao botUserKey, web userId). */
  readonly userId: string;
  readonly userHandle?: string;
  readonly userName?: string;
  /** Groups messages into one conversation, e.g. 'x:dm:42424242', 'fb:comment:<post_id>:<user>'. */
  readonly threadKey: string;
  /** Public mention / comment (true) or private DM / chat (false). */
  readonly isPublic: boolean;
  readonly text: string;
  /** Platform timestamp of the message. */
  readonly sentAt: Date;
  /** Whatever the channel's sender needs to answer this message (tweet id, comment id, …). */
  readonly replyTarget: Readonly<Record<string, string>>;
  /** Media the message carried. A message with media and no words has text ATTACHMENT_ONLY_TEXT. */
  readonly media?: readonly MediaRef[];
}

/** A reply on its way out, built from an outbox row. */
export interface OutboundReply {
  readonly channel: ChannelId;
  /** Outbox row id: used as the idempotency / case reference. */
  readonly outboxId: string;
  readonly userId: string;
  readonly isPublic: boolean;
  readonly text: string;
  readonly links: readonly { readonly label: string; readonly url: string }[];
  readonly quickReplies?: readonly { readonly label: string; readonly text: string }[];
  /** 'agent' replies may use platform features reserved for humans (Meta HUMAN_AGENT tag). */
  readonly authoredBy: 'bot' | 'agent';
  /** replyTarget of the inbound message this answers. */
  readonly replyTarget: Readonly<Record<string, string>>;
  /** When the citizen last wrote in this conversation (for Meta's 24 h window). */
  readonly lastInboundAt: Date;
}

export interface SendResult {
  /** The platform's id for what we sent, if it gives one. */
  readonly externalId?: string;
}

export interface ChannelSender {
  readonly channel: ChannelId;
  /** Throws SendError subclasses (pipeline/send-errors.ts) so the outbound job knows whether to retry. */
  send(reply: OutboundReply): Promise<SendResult>;
}
