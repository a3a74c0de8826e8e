// 0003: handoff tickets, the agent queue.
// Why: while a ticket is open the bot stays silent in that conversation, so there must never be
// two open tickets for one conversation: a partial unique index enforces it even when two
// workers race to open one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('opened_by_message_id', 'text', (c) => c.references('messages.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('waiting')
        .check(sql`status in ('waiting', 'assigned', 'resolved', 'returned_to_bot')`),
    )
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('urgent', 'high', 'normal', 'low')`))
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('assignee', 'text')
    .addColumn('triage_card', 'jsonb')
    .addColumn('sla_deadline', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('tickets_one_open_per_conversation')
    .on('tickets')
    .column('conversation_id')
    .unique()
    .where(sql.ref('status'), 'in', ['waiting', 'assigned'])
    .execute();
  await db.schema.createIndex('tickets_queue_status').on('tickets').columns(['status', 'priority', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tickets').execute();
}
