// OutboundReply → Open Builder SkillResponse v2.0 (channels.md §3.2), within Kakao's limits:
// outputs 1–3, simpleText ≤ 1000 chars, card buttons ≤ 3 with labels ≤ 14, quickReplies ≤ 10.
import { splitText, truncate } from '../shared/text';
import type { OutboundReply } from '../../pipeline/channel';

export type KakaoButton =
  { readonly action: 'webLink'; readonly label: string; readonly webLinkUrl: string } | { readonly action: 'operator'; readonly label: string };

export type KakaoOutput =
  | { readonly simpleText: { readonly text: string } }
  | {
      readonly basicCard: {
        readonly title?: string;
        readonly description?: string;
        readonly thumbnail?: { readonly imageUrl: string };
        readonly buttons: readonly KakaoButton[];
      };
    };

export interface KakaoQuickReply {
  readonly label: string;
  readonly action: 'message';
  readonly messageText: string;
}

export interface SkillResponse {
  readonly version: '2.0';
  readonly template?: { readonly outputs: readonly KakaoOutput[]; readonly quickReplies?: readonly KakaoQuickReply[] };
  readonly useCallback?: true;
  readonly data?: { readonly text: string };
}

export const LIMITS = { outputs: 3, text: 1000, description: 230, buttons: 3, label: 14, quickReplies: 10 } as const;

type Lang = 'ko' | 'en';
const TEXTS = {
  waiting: { ko: '답변을 준비하고 있어요.', en: 'We are preparing your answer.' },
  operator: { ko: '상담직원 연결', en: 'Talk to an agent' },
  operatorHint: { ko: '상담직원과 이어서 대화하려면 아래 버튼을 눌러 주세요.', en: 'Tap below to continue with an agent.' },
  links: { ko: '관련 안내', en: 'Related links' },
  received: { ko: '메시지를 받았어요. 확인 후 안내해 드릴게요.', en: 'We received your message and will get back to you.' },
  slow: {
    ko: '답변 준비가 늦어지고 있어요. 잠시 후 다시 보내 주세요.',
    en: 'Your answer is taking longer than usual. Please send your question again in a moment.',
  },
} as const;

export interface SkillResponseOptions {
  /** Add the "상담직원 연결" operator button (the message was handed to a person). */
  readonly handoff: boolean;
  readonly lang: Lang;
  readonly thumbnailUrl?: string;
}

export function skillResponse(replies: readonly OutboundReply[], options: SkillResponseOptions): SkillResponse {
  const text =
    replies
      .map((r) => r.text.trim())
      .filter(Boolean)
      .join('\n\n') || TEXTS.received[options.lang];
  const buttons = cardButtons(replies, options);
  const card: KakaoOutput | undefined =
    buttons.length > 0
      ? {
          basicCard: {
            ...(buttons.some((b) => b.action === 'webLink') ? { title: TEXTS.links[options.lang] } : {}),
            ...(options.handoff ? { description: truncate(TEXTS.operatorHint[options.lang], LIMITS.description) } : {}),
            ...(options.thumbnailUrl ? { thumbnail: { imageUrl: options.thumbnailUrl } } : {}),
            buttons,
          },
        }
      : undefined;
  // Long answers take several text bubbles (the card needs one slot); the last is cut if need be.
  const textSlots = LIMITS.outputs - (card ? 1 : 0);
  const chunks = splitText(text, LIMITS.text);
  const texts = chunks.slice(0, textSlots);
  if (chunks.length > textSlots) texts[textSlots - 1] = truncate(chunks.slice(textSlots - 1).join(' '), LIMITS.text);
  const outputs: KakaoOutput[] = [...texts.map((t) => ({ simpleText: { text: t } })), ...(card ? [card] : [])];

  const quickReplies = replies
    .flatMap((r) => r.quickReplies ?? [])
    .slice(0, LIMITS.quickReplies)
    .map((q): KakaoQuickReply => ({ label: truncate(q.label, LIMITS.label), action: 'message', messageText: q.text }));
  return { version: '2.0', template: { outputs, ...(quickReplies.length > 0 ? { quickReplies } : {}) } };
}

function cardButtons(replies: readonly OutboundReply[], options: SkillResponseOptions): KakaoButton[] {
  const operator: KakaoButton[] = options.handoff ? [{ action: 'operator', label: TEXTS.operator[options.lang] }] : [];
  const seen = new Set<string>();
  const links = replies
    .flatMap((r) => r.links)
    .filter((l) => !seen.has(l.url) && seen.add(l.url))
    .slice(0, LIMITS.buttons - operator.length)
    .map((l): KakaoButton => ({ action: 'webLink', label: truncate(l.label, LIMITS.label), webLinkUrl: l.url }));
  return [...links, ...operator];
}

/** The immediate answer when the real one will come through the callback URL. */
export function callbackAck(lang: Lang): SkillResponse {
  return { version: '2.0', useCallback: true, data: { text: TEXTS.waiting[lang] } };
}

/** Said when there is nothing to send now (moderated message, reply already delivered, or too slow). */
export function holdingResponse(kind: 'received' | 'slow', lang: Lang): SkillResponse {
  return { version: '2.0', template: { outputs: [{ simpleText: { text: TEXTS[kind][lang] } }] } };
}
