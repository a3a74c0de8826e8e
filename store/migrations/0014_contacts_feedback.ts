// 0014: contact history across channels and what citizens say about our answers (issue 14).
// - contact_links: two channel identities (contacts) that are the same citizen. A contact is one
//   channel identity; a link exists only on evidence: an agent confirmed it (audited), or the
//   same verified platform account. Never guessed from redacted personal data. Stored once per
//   pair, smaller id first.
// - ticket_ratings: the CSAT asked for when an agent resolves a ticket (one per ticket): the
//   agent who held it, the 1–5 score and the PII-redacted comment once the citizen answers.
// - answer_feedback: "Was this helpful?" on a bot answer, keyed by the citizen message answered.
// - training_candidates.source gains 'negative_feedback' (a 👎 sends the message to the inbox).
// `down` drops them and restores the old source check.
import { sql, type Kysely } from 'kysely';

const SOURCES_BEFORE = sql`source in ('relabel', 'low_confidence', 'unhandled')`;
const SOURCES_AFTER = sql`source in ('relabel', 'low_confidence', 'unhandled', 'negative_feedback')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_links')
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('linked_contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('evidence', 'text', (c) => c.notNull().check(sql`evidence in ('agent_confirmed', 'verified_account')`))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contact_links_pair', ['contact_id', 'linked_contact_id'])
    .addCheckConstraint('contact_links_ordered', sql`contact_id < linked_contact_id`)
    .execute();
  await db.schema.createIndex('contact_links_linked').on('contact_links').column('linked_contact_id').execute();

  await db.schema
    .createTable('ticket_ratings')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.check(sql`score between 1 and 5`))
    .addColumn('comment', 'text')
    .addColumn('rated_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('ticket_ratings_conversation').on('ticket_ratings').columns(['conversation_id', 'requested_at']).execute();
  await db.schema.createIndex('ticket_ratings_rated').on('ticket_ratings').column('rated_at').execute();

  await db.schema
    .createTable('answer_feedback')
    .addColumn('message_id', 'text', (c) => c.primaryKey().references('messages.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('helpful', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`alter table training_candidates drop constraint training_candidates_source_check`.execute(db);
  await sql`alter table training_candidates add constraint training_candidates_source_check check (${SOURCES_AFTER})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from training_candidates where source = 'negative_feedback'`.execute(db);
  await sql`alter table training_candidates drop constraint training_candidates_source_check`.execute(db);
  await sql`alter table training_candidates add constraint training_candidates_source_check check (${SOURCES_BEFORE})`.execute(db);
  for (const table of ['answer_feedback', 'ticket_ratings', 'contact_links']) await db.schema.dropTable(table).execute();
}
