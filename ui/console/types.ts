// The console reads the agent API's JSON; these are its shapes, taken from the server's own types
// (type-only imports: nothing of the server is bundled).
import type { ticketJson } from '../../handoff/ticket';
import type { TriageCard } from '../../handoff/triage-card';
import type { StoredMessage } from '../../store/stored-message';
import type { QueueView } from '../../handoff/queue-views';

export type TicketJson = ReturnType<typeof ticketJson>;
export type { TriageCard, StoredMessage };

/** An entry of GET /handoffs: the ticket with its card. */
export interface QueueTicket extends TicketJson {
  readonly card: TriageCard | null;
}

export interface TicketNote {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly createdAt: string;
}

/** GET /handoffs/:id */
export interface TicketDetail {
  readonly ticket: TicketJson;
  readonly card: TriageCard | null;
  readonly transcript: readonly StoredMessage[];
  readonly notes: readonly TicketNote[];
}

/** The `ticket.changed` / `sla.missed` live events. */
export interface TicketChanged {
  readonly ticketId: string;
  readonly conversationId: string;
  readonly status?: string;
  readonly priority: string;
}

/** A row of GET /handoffs/views: the ticket, its card and the conversation's latest message. */
export interface ViewTicket extends QueueTicket {
  readonly latest: { readonly text: string; readonly author: string; readonly at: string } | null;
}

/** GET /handoffs/views */
export interface ViewAnswer {
  readonly view: QueueView;
  readonly counts: Readonly<Record<QueueView, number>>;
  readonly tickets: readonly ViewTicket[];
}

/** An entry of GET /canned-responses. */
export interface CannedResponse {
  readonly id: string;
  readonly title: string;
  readonly text: { readonly ko: string; readonly en: string };
}
