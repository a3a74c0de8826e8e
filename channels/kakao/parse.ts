// Open Builder SkillPayload → InboundMessage. Pure. Kakao sends no message id, so the dedupe key
// is a hash of who said what in which block within a 10 s bucket (channels.md §4): a retried or
// double-tapped request collapses, the same question asked a minute later does not.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/channel';
import { parseShape } from '../shared/shape';

const DEDUPE_BUCKET_MS = 10_000;

const skillSchema = z.object({
  userRequest: z.object({
    utterance: z.string(),
    lang: z.string().nullish(),
    block: z.object({ id: z.string() }),
    user: z.object({ id: z.string().min(1), type: z.string().optional() }),
    callbackUrl: z.url({ protocol: /^https?$/ }).nullish(),
  }),
  bot: z.object({ id: z.string() }),
});

export interface SkillRequest {
  readonly message: InboundMessage;
  readonly botId: string;
  readonly callbackUrl?: string;
  readonly lang: 'ko' | 'en';
}

export function skillExternalId(userId: string, utterance: string, blockId: string, receivedAt: Date): string {
  const bucket = Math.floor(receivedAt.getTime() / DEDUPE_BUCKET_MS);
  const digest = createHash('sha256')
    .update(JSON.stringify([userId, utterance, blockId, bucket]))
    .digest('hex');
  return `skill:${digest.slice(0, 32)}`;
}

export function parseSkillRequest(payload: unknown, receivedAt: Date, callbackTtlMs: number): SkillRequest {
  const req = parseShape(skillSchema, payload, 'Kakao skill request');
  const { user, utterance, block, callbackUrl } = req.userRequest;
  const text = utterance.trim();
  const lang = req.userRequest.lang?.toLowerCase().startsWith('en') ? 'en' : 'ko';
  const replyTarget: Record<string, string> = { kind: 'skill', botId: req.bot.id, lang };
  if (callbackUrl) {
    replyTarget['callbackUrl'] = callbackUrl;
    replyTarget['callbackExpiresAt'] = new Date(receivedAt.getTime() + callbackTtlMs).toISOString();
  }
  return {
    message: {
      channel: 'kakao',
      externalId: skillExternalId(user.id, text, block.id, receivedAt),
      userId: user.id,
      threadKey: `kakao:${user.id}`,
      isPublic: false,
      text,
      sentAt: receivedAt,
      replyTarget,
    },
    botId: req.bot.id,
    ...(callbackUrl ? { callbackUrl } : {}),
    lang,
  };
}
