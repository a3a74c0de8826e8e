// Plain-text rendering of a reply for channels without link buttons (X DMs, Messenger, comments).
import type { OutboundReply } from '../../pipeline/channel';

export function plainReplyText(reply: OutboundReply, options: { readonly numberedChoices: boolean }): string {
  const links = reply.links.map((l) => `${l.label}: ${l.url}`);
  const choices = options.numberedChoices ? (reply.quickReplies ?? []).map((q, i) => `${i + 1}. ${q.text}`) : [];
  return [reply.text, ...links, ...choices].join('\n');
}
