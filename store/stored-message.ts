// Row → the StoredMessage the console, the web chat and the live events see.
import type { MessageRow } from './message-repository';

export interface StoredMessage {
  readonly id: string;
  readonly conversationId: string;
  readonly direction: 'in' | 'out';
  readonly author: 'citizen' | 'bot' | 'agent';
  /** PII-redacted text: raw citizen text is never stored. */
  readonly text: string;
  readonly links: readonly { readonly label: string; readonly url: string }[];
  readonly createdAt: string;
}

export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    author: row.author,
    text: row.text,
    links: row.links.map((l) => ({ label: l.label, url: l.url })),
    createdAt: row.created_at.toISOString(),
  };
}
