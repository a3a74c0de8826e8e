// The console's queue views (mine, unassigned, all open, overdue, snoozed, resolved) with their
// counts, and search over the redacted message text, the contact, the intent and the ticket id.
// Each row carries the conversation's latest message as a preview.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { toTicket, type Ticket } from './ticket';

import { QUEUE_VIEWS, type QueueView } from './queue-views';

export { QUEUE_VIEWS, type QueueView };

export interface ViewQuery {
  readonly view: QueueView;
  readonly actorId: string;
  readonly now: Date;
  /** Free text: a ticket id (or its start), the contact, the intent or words of a message. */
  readonly search?: string;
  readonly limit?: number;
}

export interface ViewRow {
  readonly ticket: Ticket;
  readonly latest: { readonly text: string; readonly author: string; readonly at: Date } | null;
}

type Eb = ExpressionBuilder<Schema & { tickets: Schema['tickets'] }, 'tickets'>;

const PRIORITY_ORDER = sql<number>`case tickets.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** The condition of one view. Snoozed tickets leave the working views until their time comes. */
function inView(eb: Eb, view: QueueView, actorId: string, now: Date) {
  const open = eb('tickets.status', 'in', ['waiting', 'assigned']);
  const awake = eb.or([eb('tickets.snoozed_until', 'is', null), eb('tickets.snoozed_until', '<=', now)]);
  switch (view) {
    case 'mine':
      return eb.and([open, awake, eb('tickets.assignee', '=', actorId)]);
    case 'unassigned':
      return eb.and([open, awake, eb('tickets.assignee', 'is', null)]);
    case 'open':
      return eb.and([open, awake]);
    case 'overdue':
      return eb.and([
        open,
        eb('tickets.first_response_at', 'is', null),
        eb.or([eb('tickets.sla_missed_at', 'is not', null), eb('tickets.sla_deadline', '<', now)]),
      ]);
    case 'snoozed':
      return eb.and([open, eb('tickets.snoozed_until', '>', now)]);
    case 'resolved':
      return eb('tickets.status', '=', 'resolved');
  }
}

/** LIKE pattern for `text` anywhere, with the wildcards in it taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function matches(eb: Eb, search: string) {
  const pattern = contains(search.toLowerCase());
  return eb.or([
    // Ticket ids are upper-case ULIDs; an agent may paste or type the start of one in any case.
    eb(sql<string>`lower(tickets.id)`, 'like', pattern.slice(1)),
    // The intent the triage card ranked first.
    eb(sql<string>`lower(tickets.triage_card->'topIntents'->0->>'intent')`, 'like', pattern),
    eb.exists(
      eb
        .selectFrom('conversations as c')
        .innerJoin('contacts as p', 'p.id', 'c.contact_id')
        .select(sql.lit(1).as('one'))
        .whereRef('c.id', '=', 'tickets.conversation_id')
        .where((w) =>
          w.or([
            w(sql<string>`lower(coalesce(p.display_name, ''))`, 'like', pattern),
            w(sql<string>`lower(coalesce(p.handle, ''))`, 'like', pattern),
            w(sql<string>`lower(p.platform_user_id)`, 'like', pattern),
          ]),
        ),
    ),
    eb.exists(
      eb
        .selectFrom('messages as m')
        .select(sql.lit(1).as('one'))
        .whereRef('m.conversation_id', '=', 'tickets.conversation_id')
        .where(sql<string>`lower(m.text)`, 'like', pattern),
    ),
  ]);
}

export class QueueViewRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(query: ViewQuery): Promise<ViewRow[]> {
    let select = this.db
      .selectFrom('tickets')
      .innerJoin('conversations', 'conversations.id', 'tickets.conversation_id')
      .selectAll('tickets')
      .select('conversations.channel')
      .select((eb) => [
        eb
          .selectFrom('messages')
          .select('messages.text')
          .whereRef('messages.conversation_id', '=', 'tickets.conversation_id')
          .orderBy('messages.created_at', 'desc')
          .orderBy('messages.id', 'desc')
          .limit(1)
          .as('latest_text'),
        eb
          .selectFrom('messages')
          .select('messages.author')
          .whereRef('messages.conversation_id', '=', 'tickets.conversation_id')
          .orderBy('messages.created_at', 'desc')
          .orderBy('messages.id', 'desc')
          .limit(1)
          .as('latest_author'),
        eb
          .selectFrom('messages')
          .select('messages.created_at')
          .whereRef('messages.conversation_id', '=', 'tickets.conversation_id')
          .orderBy('messages.created_at', 'desc')
          .orderBy('messages.id', 'desc')
          .limit(1)
          .as('latest_at'),
      ])
      .where((eb) => inView(eb as unknown as Eb, query.view, query.actorId, query.now));
    const search = query.search?.trim();
    if (search) select = select.where((eb) => matches(eb as unknown as Eb, search));
    select = query.view === 'resolved' ? select.orderBy('tickets.resolved_at', 'desc') : select.orderBy(PRIORITY_ORDER).orderBy('tickets.created_at');
    const rows = await select
      .orderBy('tickets.id')
      .limit(query.limit ?? 100)
      .execute();
    return rows.map((row) => ({
      ticket: toTicket(row),
      latest:
        row.latest_text === null || row.latest_text === undefined
          ? null
          : { text: row.latest_text, author: String(row.latest_author), at: new Date(row.latest_at as Date) },
    }));
  }

  /** How many tickets each view holds now (search not applied). */
  async counts(actorId: string, now: Date): Promise<Record<QueueView, number>> {
    const row = await this.db
      .selectFrom('tickets')
      .select((eb) =>
        QUEUE_VIEWS.map((view) =>
          eb.fn
            .countAll<number>()
            .filterWhere(inView(eb as unknown as Eb, view, actorId, now))
            .as(view),
        ),
      )
      .executeTakeFirstOrThrow();
    return Object.fromEntries(QUEUE_VIEWS.map((v) => [v, Number((row as Record<string, unknown>)[v])])) as Record<QueueView, number>;
  }
}
