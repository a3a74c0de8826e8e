// What the bot does with a message that is only media: there are no words to classify. A photo,
// video, file, voice message or location is acknowledged and handed to a person (only a person
// can look at it); a sticker or a like gets a short courtesy reply. Pure.
import { TEXTS, type ReplyLanguage } from './texts';
import type { Decision } from './types';

/** Same values as channels' MediaKind; bot/ sits below channels/ and cannot import it. */
export const MEDIA_KIND_NAMES = ['image', 'video', 'audio', 'file', 'location', 'sticker', 'like'] as const;
export type MediaKindName = (typeof MEDIA_KIND_NAMES)[number];

/** Stands in for a message that carried only media, so a person still sees that it came. */
export const ATTACHMENT_ONLY_TEXT = '[첨부 파일 / attachment]';

/** Stands in for the model version on decisions no model made. */
export const MEDIA_RULE_VERSION = 'rule:media';
export const MEDIA_HANDOFF_INTENT = 'chat.human';
export const MEDIA_COURTESY_INTENT = 'chat.greeting';

const COURTESY: ReadonlySet<MediaKindName> = new Set(['sticker', 'like']);

export interface MediaOnlyInput {
  readonly kinds: readonly MediaKindName[];
  readonly lang: ReplyLanguage;
  readonly isPublic: boolean;
}

export function mediaOnlyDecision({ kinds, lang, isPublic }: MediaOnlyInput): Decision {
  const base = { confidence: 1, topK: [], entities: [], pii: [], language: lang, modelVersion: MEDIA_RULE_VERSION } as const;
  if (kinds.length > 0 && kinds.every((k) => COURTESY.has(k))) {
    return { ...base, intent: MEDIA_COURTESY_INTENT, action: 'smalltalk', reply: { text: TEXTS.sticker[lang], links: [] } };
  }
  const text = (isPublic ? TEXTS.mediaReceivedPublic : TEXTS.mediaReceived)[lang];
  return { ...base, intent: MEDIA_HANDOFF_INTENT, action: 'handoff', reason: 'media_only', reply: { text, links: [] } };
}
