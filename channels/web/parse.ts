// The web chat's POST body → InboundMessage. Pure apart from the clock and id source passed in.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sanitizeText } from '../../bot/sanitize-text';
import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/channel';

export const MAX_TEXT_LENGTH = 4000;

const opaqueId = (what: string) =>
  z
    .string(`${what} must be a string`)
    .min(1, `${what} must not be empty`)
    .max(128, `${what} must be at most 128 characters`)
    .regex(/^[A-Za-z0-9_-]+$/, `${what} may contain only letters, digits, "_" and "-"`);

// The server names threads: a POST without `conversationId` starts a new one under a minted id,
// and continuing a thread needs its access token. A client-chosen id (the old `userId`) is
// ignored, so two clients picking the same string can never share a thread.
export const webMessageSchema = z.object({
  /** The thread to continue (from an earlier answer); needs that thread's access token. */
  conversationId: opaqueId('conversationId').optional(),
  text: z
    .string('text must be a string')
    .overwrite(sanitizeText)
    .trim()
    .min(1, 'text must not be empty')
    .max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`),
  /** Lets a client retry a POST safely: the same id is the same message. */
  clientMessageId: opaqueId('clientMessageId').optional(),
});
export type WebMessageBody = z.infer<typeof webMessageSchema>;

/** The citizen side of a web thread: who they are on the web channel and which thread. */
export interface WebThread {
  readonly userId: string;
  readonly threadKey: string;
}

export function webThreadKey(userId: string): string {
  return `web:${userId}`;
}

/** A new thread, named by 128 random bits. */
export function mintWebThread(): WebThread {
  const userId = randomBytes(16).toString('base64url');
  return { userId, threadKey: webThreadKey(userId) };
}

// The client's message id is only compared, never shown: store a digest, so an id that happens
// to be a phone number is not kept.
const digestOf = (clientId: string) => createHash('sha256').update(clientId).digest('base64url').slice(0, 22);

export function toInboundMessage(body: WebMessageBody, thread: WebThread, now: Date, newId: () => string = randomUUID): InboundMessage {
  return {
    channel: 'web',
    // Scoped by thread so two citizens' client ids can never collide.
    externalId: body.clientMessageId ? `web:${thread.userId}:${digestOf(body.clientMessageId)}` : `web:${newId()}`,
    userId: thread.userId,
    threadKey: thread.threadKey,
    isPublic: false,
    text: body.text,
    sentAt: now,
    replyTarget: { userId: thread.userId },
  };
}
