// Tickets in the database. Every state change is one conditional UPDATE … RETURNING: the WHERE
// clause holds the state the caller expects, so of two racing changes exactly one matches and
// the other gets undefined (→ 409). This is what makes 20 parallel claims have one winner, on
// PGlite and on PostgreSQL across processes alike, with no lock held between statements.
import { sql, type Kysely, type Updateable } from 'kysely';
import { newId } from '../store/ids';
import type { Schema, TicketsTable } from '../store/schema';
import type { AgentLoad } from './auto-assign';
import type { Priority } from './priority';
import type { LatestTicket } from './reopen-policy';
import { toTicket, type Ticket } from './ticket';
import { OPEN_STATUSES, type TicketStatus } from './ticket-rules';
import type { TriageCard } from './triage-card';

export interface NewTicket {
  readonly conversationId: string;
  readonly openedByMessageId: string;
  readonly priority: Priority;
  readonly queue: string;
  readonly reason: string;
  readonly card: TriageCard;
  readonly slaDeadline: Date;
  readonly createdAt: Date;
  /** The resolved ticket this one follows (a message within its reopen window). */
  readonly followsTicketId?: string | null;
}

export interface TicketFilter {
  readonly status?: readonly TicketStatus[];
  readonly queue?: string;
  readonly assignee?: string;
  readonly limit?: number;
}

/** The state a change expects to find; any mismatch and the change does nothing. */
export interface Expect {
  readonly status: readonly TicketStatus[];
  /** Exact assignee (null = unassigned); omitted = any. */
  readonly assignee?: string | null;
}

export interface TicketNote {
  readonly id: string;
  readonly ticketId: string;
  readonly authorId: string;
  /** PII-redacted. */
  readonly text: string;
  readonly createdAt: Date;
}

export interface RelabelCandidate {
  readonly id: string;
  readonly messageId: string;
  readonly ticketId: string;
  readonly text: string;
  readonly language: 'ko' | 'en';
  readonly predictedIntent: string | null;
  readonly intent: string;
  readonly createdBy: string;
}

// Most pressing first, then oldest first.
const PRIORITY_ORDER = sql<number>`case tickets.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

export class TicketRepository {
  readonly db: Kysely<Schema>;
  constructor(db: Kysely<Schema>) {
    this.db = db;
  }

  private selectTickets(db: Kysely<Schema> = this.db) {
    return db
      .selectFrom('tickets')
      .innerJoin('conversations', 'conversations.id', 'tickets.conversation_id')
      .selectAll('tickets')
      .select('conversations.channel');
  }

  /** Open tickets still waiting for a first response: each has an SLA check due. */
  async awaitingFirstResponse(): Promise<{ readonly id: string; readonly slaDeadline: Date }[]> {
    const rows = await this.db
      .selectFrom('tickets')
      .select(['id', 'sla_deadline'])
      .where('status', 'in', [...OPEN_STATUSES])
      .where('first_response_at', 'is', null)
      .where('sla_deadline', 'is not', null)
      .orderBy('sla_deadline')
      .execute();
    return rows.map((r) => ({ id: r.id, slaDeadline: r.sla_deadline! }));
  }

  async get(id: string): Promise<Ticket | undefined> {
    const row = await this.selectTickets().where('tickets.id', '=', id).executeTakeFirst();
    return row && toTicket(row);
  }

  async list(filter: TicketFilter = {}): Promise<Ticket[]> {
    let query = this.selectTickets();
    if (filter.status?.length) query = query.where('tickets.status', 'in', [...filter.status]);
    if (filter.queue) query = query.where('tickets.queue', '=', filter.queue);
    if (filter.assignee) query = query.where('tickets.assignee', '=', filter.assignee);
    const rows = await query
      .orderBy(PRIORITY_ORDER)
      .orderBy('tickets.created_at')
      .orderBy('tickets.id')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(toTicket);
  }

  async latestForConversation(conversationId: string, db: Kysely<Schema> = this.db): Promise<LatestTicket | undefined> {
    const row = await db
      .selectFrom('tickets')
      .select(['id', 'status', 'resolved_at', 'keep_thread'])
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, status: row.status, resolvedAt: row.resolved_at, keepThread: row.keep_thread };
  }

  async hasOpenTicket(conversationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('tickets')
      .select('id')
      .where('conversation_id', '=', conversationId)
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Opens a ticket unless the conversation has an open one (the partial unique index decides a
   * race between two workers). Returns the open ticket either way and whether it is new.
   */
  async openOrJoin(input: NewTicket): Promise<{ readonly ticket: Ticket; readonly created: boolean }> {
    const inserted = await this.db
      .insertInto('tickets')
      .values({
        id: newId(input.createdAt.getTime()),
        conversation_id: input.conversationId,
        opened_by_message_id: input.openedByMessageId,
        priority: input.priority,
        queue: input.queue,
        reason: input.reason,
        triage_card: JSON.stringify(input.card),
        sla_deadline: input.slaDeadline,
        follows_ticket_id: input.followsTicketId ?? null,
        created_at: input.createdAt,
        updated_at: input.createdAt,
      })
      // Literals, not parameters: the partial unique index is inferred from this predicate, and a
      // prepared statement's generic plan cannot see what a parameter holds.
      .onConflict((oc) =>
        oc
          .column('conversation_id')
          .where(
            'status',
            'in',
            OPEN_STATUSES.map((status) => sql.lit(status)),
          )
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { ticket: (await this.get(inserted.id))!, created: true };
    const open = await this.selectTickets()
      .where('tickets.conversation_id', '=', input.conversationId)
      .where('tickets.status', 'in', [...OPEN_STATUSES])
      .executeTakeFirst();
    if (!open) throw new Error(`ticket for conversation ${input.conversationId}: insert conflicted but no open ticket exists`);
    return { ticket: toTicket(open), created: false };
  }

  /** The one conditional UPDATE every state change goes through. */
  async change(id: string, expect: Expect, set: Updateable<TicketsTable>): Promise<Ticket | undefined> {
    let update = this.db
      .updateTable('tickets')
      .set({ ...set, updated_at: set.updated_at ?? new Date() })
      .where('id', '=', id)
      .where('status', 'in', [...expect.status]);
    if (expect.assignee !== undefined) {
      update = expect.assignee === null ? update.where('assignee', 'is', null) : update.where('assignee', '=', expect.assignee);
    }
    const row = await update.returning('id').executeTakeFirst();
    return row ? this.get(row.id) : undefined;
  }

  claim(id: string, agentId: string, at: Date): Promise<Ticket | undefined> {
    return this.change(id, { status: ['waiting'] }, { status: 'assigned', assignee: agentId, updated_at: at });
  }

  /** resolved → open again: back to its last agent if it had one, else to the queue. */
  reopen(id: string, at: Date): Promise<Ticket | undefined> {
    return this.db
      .updateTable('tickets')
      .set((eb) => ({
        status: sql<TicketStatus>`case when assignee is null then 'waiting' else 'assigned' end`,
        resolved_at: null,
        reopened_at: at,
        reopen_count: eb('reopen_count', '+', 1),
        keep_thread: false,
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('status', '=', 'resolved')
      .returning('id')
      .executeTakeFirst()
      .then((row) => (row ? this.get(row.id) : undefined));
  }

  /** First person's reply; later replies leave it alone. */
  async markFirstResponse(id: string, at: Date, responder: string): Promise<void> {
    await this.db
      .updateTable('tickets')
      .set({ first_response_at: at, first_responder: responder })
      .where('id', '=', id)
      .where('first_response_at', 'is', null)
      .execute();
  }

  /**
   * SLA missed: the ticket is overdue from now on; priority and deadline stay. Only if nobody
   * answered and the deadline is the one the job checked.
   */
  markOverdue(id: string, jobDeadline: Date, at: Date): Promise<Ticket | undefined> {
    return this.db
      .updateTable('tickets')
      .set((eb) => ({
        sla_missed_at: at,
        escalations: eb('escalations', '+', 1),
        updated_at: at,
      }))
      .where('id', '=', id)
      .where('sla_missed_at', 'is', null)
      .where('status', 'in', [...OPEN_STATUSES])
      .where('first_response_at', 'is', null)
      .where('sla_deadline', '=', jobDeadline)
      .returning('id')
      .executeTakeFirst()
      .then((row) => (row ? this.get(row.id) : undefined));
  }

  /** Where and how a message to the citizen goes: the thread's visibility and language, and their last message's reply target. */
  async replyContext(
    conversationId: string,
  ): Promise<{ readonly isPublic: boolean; readonly language: string | null; readonly replyTarget: Record<string, string> }> {
    const conversation = await this.db.selectFrom('conversations').select(['is_public', 'language']).where('id', '=', conversationId).executeTakeFirstOrThrow();
    // Replies go where the citizen last wrote (a tweet id, a comment id, …).
    const lastInbound = await this.db
      .selectFrom('messages')
      .select('reply_target')
      .where('conversation_id', '=', conversationId)
      .where('direction', '=', 'in')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return { isPublic: conversation.is_public, language: conversation.language, replyTarget: lastInbound?.reply_target ?? {} };
  }

  /** Online, enabled agents with their open-ticket counts. */
  async agentLoads(onlineSince: Date): Promise<AgentLoad[]> {
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('tickets', (join) => join.onRef('tickets.assignee', '=', 'users.id').on('tickets.status', '=', 'assigned'))
      .select(['users.id', 'users.queues', sql<string>`count(tickets.id)`.as('open')])
      .where('users.disabled_at', 'is', null)
      .where('users.last_seen_at', '>=', onlineSince)
      .where(sql<boolean>`'agent' = any(users.roles)`)
      .groupBy(['users.id', 'users.queues'])
      .execute();
    return rows.map((r) => ({ id: r.id, queues: r.queues, openTickets: Number(r.open) }));
  }

  /** Enabled agents (and admins, who may take tickets too), for the transfer picker. */
  async listAgents(): Promise<{ readonly id: string; readonly email: string; readonly displayName: string | null; readonly queues: string[] }[]> {
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'queues'])
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`users.roles && array['agent', 'admin']::text[]`)
      .orderBy('email')
      .execute();
    return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, queues: r.queues }));
  }

  /** Whether an enabled user with the agent (or admin) role exists. */
  async isAgent(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', userId)
      .where('disabled_at', 'is', null)
      .where(sql<boolean>`users.roles && array['agent', 'admin']::text[]`)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addNote(note: TicketNote): Promise<void> {
    await this.db
      .insertInto('ticket_notes')
      .values({ id: note.id, ticket_id: note.ticketId, author_id: note.authorId, text: note.text, created_at: note.createdAt })
      .execute();
  }

  async notes(ticketId: string): Promise<TicketNote[]> {
    const rows = await this.db.selectFrom('ticket_notes').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, ticketId: r.ticket_id, authorId: r.author_id, text: r.text, createdAt: r.created_at }));
  }

  /** A message with the intent and language its decision saw (for relabelling). */
  async messageWithDecision(messageId: string) {
    return this.db
      .selectFrom('messages')
      .leftJoin('decisions', 'decisions.message_id', 'messages.id')
      .select(['messages.id', 'messages.text', 'messages.conversation_id', 'messages.direction', 'decisions.intent', 'decisions.language'])
      .where('messages.id', '=', messageId)
      .executeTakeFirst();
  }

  /** A relabelled citizen message, for the trainer inbox; through `trx` to commit with its audit entry. */
  async addRelabelCandidate(candidate: RelabelCandidate, trx: Kysely<Schema> = this.db): Promise<void> {
    await trx
      .insertInto('training_candidates')
      .values({
        id: candidate.id,
        message_id: candidate.messageId,
        ticket_id: candidate.ticketId,
        text: candidate.text,
        language: candidate.language,
        predicted_intent: candidate.predictedIntent,
        intent: candidate.intent,
        source: 'relabel',
        created_by: candidate.createdBy,
      })
      .execute();
  }
}
