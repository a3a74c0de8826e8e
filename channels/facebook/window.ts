// Meta's messaging windows (channels.md §2.6), as pure rules:
// bot replies only within 24 h of the citizen's last message; a person may answer on days 1–7 with
// the HUMAN_AGENT tag; nothing after 7 days. Private replies to a comment: once, within 7 days.
import { PermanentSendError } from '../../pipeline/send-errors';

const HOUR = 60 * 60 * 1000;
export const STANDARD_WINDOW_MS = 24 * HOUR;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;

export type MessagingMode = { readonly messaging_type: 'RESPONSE' } | { readonly messaging_type: 'MESSAGE_TAG'; readonly tag: 'HUMAN_AGENT' };

export function messagingMode(authoredBy: 'bot' | 'agent', lastInboundAt: Date, nowMs: number): MessagingMode {
  const age = nowMs - lastInboundAt.getTime();
  if (age <= STANDARD_WINDOW_MS) return { messaging_type: 'RESPONSE' };
  if (authoredBy === 'agent' && age <= HUMAN_AGENT_WINDOW_MS) return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
  const limit = authoredBy === 'agent' ? '7 days' : '24 hours';
  throw new PermanentSendError(
    `Messenger window closed: the citizen last wrote ${Math.floor(age / HOUR)} h ago; ${authoredBy} replies are allowed within ${limit}`,
    'window_closed',
  );
}

export function assertPrivateReplyOpen(commentAt: Date, nowMs: number): void {
  if (nowMs - commentAt.getTime() > HUMAN_AGENT_WINDOW_MS) {
    throw new PermanentSendError('private replies to a comment are allowed within 7 days', 'window_closed');
  }
}
