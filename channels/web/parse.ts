// The web chat's POST body → InboundMessage. Pure apart from the clock and id source passed in.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/channel';

export const MAX_TEXT_LENGTH = 4000;

// userId is an opaque id the chat page makes up (a random UUID kept in the browser); it is not
// personal data, and since it names the thread it is as good as a password: keep it random.
const opaqueId = (what: string) =>
  z
    .string(`${what} must be a string`)
    .min(1, `${what} must not be empty`)
    .max(128, `${what} must be at most 128 characters`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} may contain only letters, digits, "_" and "-"`);

export const webMessageSchema = z.object({
  userId: opaqueId('userId'),
  text: z
    .string('text must be a string')
    .trim()
    .min(1, 'text must not be empty')
    .max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`),
  /** Lets a client retry a POST safely: the same id is the same message. */
  clientMessageId: opaqueId('clientMessageId').optional(),
});
export type WebMessageBody = z.infer<typeof webMessageSchema>;

export function webThreadKey(userId: string): string {
  return `web:${userId}`;
}

export function toInboundMessage(body: WebMessageBody, now: Date, newId: () => string = randomUUID): InboundMessage {
  return {
    channel: 'web',
    // Scoped by user so two citizens' client ids can never collide.
    externalId: body.clientMessageId ? `web:${body.userId}:${body.clientMessageId}` : `web:${newId()}`,
    userId: body.userId,
    threadKey: webThreadKey(body.userId),
    isPublic: false,
    text: body.text,
    sentAt: now,
    replyTarget: { userId: body.userId },
  };
}
