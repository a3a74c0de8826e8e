// What the pipeline needs from the agent queue; handoff/pipeline-handoff.ts implements it
// (triage card, priority, routing, SLA jobs). createPipeline requires one.
import type { Decision } from '../bot/types';
import type { LatestTicket } from '../store/inbound-writes';

export interface TicketRef {
  readonly id: string;
}

export interface ActiveTicket extends TicketRef {
  /**
   * An agent holds it: the bot is silent. While a ticket only waits (nobody claimed it yet) the
   * bot still acknowledges new messages and answers a confident FAQ, on the ticket.
   */
  readonly claimed: boolean;
}

export interface HandoffPort {
  /**
   * The open (waiting/assigned) ticket of the conversation, if any, given its latest ticket as
   * read with the message (one read per message, not one per step).
   */
  activeTicketFor(conversationId: string, latest: LatestTicket | undefined): Promise<ActiveTicket | null>;
  /**
   * Opens a ticket for the message that needs a person. Idempotent: if the conversation already
   * has an open ticket, returns it (the message joins it).
   */
  openTicket(input: { readonly conversationId: string; readonly messageId: string; readonly decision: Decision }): Promise<TicketRef>;
  /** Adds a citizen message to an open ticket (the bot stayed silent). Idempotent. */
  attachMessage(ticketId: string, messageId: string): Promise<void>;
}
