// Row → the StoredMessage the console, the web chat and the live events see.
import type { MessageRow } from './message-repository';
import type { StoredMessage } from '../pipeline/types';

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
