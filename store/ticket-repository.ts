// Handoff tickets. At most one open (waiting/assigned) ticket per conversation, enforced by a
// partial unique index; claiming is a single conditional UPDATE so two agents cannot both win.
import type { Kysely, Selectable } from 'kysely';
import { newId } from './ids';
import { toJson } from './json';
import type { Schema, TicketPriority, TicketsTable } from './schema';

export type TicketRow = Selectable<TicketsTable>;
export const OPEN_TICKET_STATUSES = ['waiting', 'assigned'] as const;

export async function findOpenTicket(db: Kysely<Schema>, conversationId: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('status', 'in', [...OPEN_TICKET_STATUSES])
    .executeTakeFirst();
}

export interface TicketInput {
  readonly conversationId: string;
  readonly openedByMessageId: string | null;
  readonly priority: TicketPriority;
  readonly queue: string;
  readonly reason: string | null;
  readonly triageCard?: Readonly<Record<string, unknown>>;
  readonly slaDeadline?: Date;
}

/** Opens a ticket, or returns the conversation's open one (`created: false`) if there is one. */
export async function openTicket(
  db: Kysely<Schema>,
  input: TicketInput,
): Promise<{ readonly ticket: TicketRow; readonly created: boolean }> {
  const inserted = await db
    .insertInto('tickets')
    .values({
      id: newId(),
      conversation_id: input.conversationId,
      opened_by_message_id: input.openedByMessageId,
      priority: input.priority,
      queue: input.queue,
      reason: input.reason,
      assignee: null,
      triage_card: input.triageCard ? toJson(input.triageCard) : null,
      sla_deadline: input.slaDeadline ?? null,
    })
    .onConflict((oc) => oc.column('conversation_id').where('status', 'in', [...OPEN_TICKET_STATUSES]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { ticket: inserted, created: true };
  const open = await findOpenTicket(db, input.conversationId);
  if (!open) throw new Error(`ticket for conversation ${input.conversationId}: conflict but no open ticket found`);
  return { ticket: open, created: false };
}

/** waiting → assigned to `assignee`; undefined if someone else claimed it first or it is closed. */
export async function claimTicket(db: Kysely<Schema>, ticketId: string, assignee: string, now: Date = new Date()): Promise<TicketRow | undefined> {
  return db
    .updateTable('tickets')
    .set({ status: 'assigned', assignee, updated_at: now })
    .where('id', '=', ticketId)
    .where('status', '=', 'waiting')
    .returningAll()
    .executeTakeFirst();
}
