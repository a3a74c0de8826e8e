// 0013: what the agent workspace (issue 14) keeps.
// - users.must_change_password: set by an admin's password reset (page or `sotong users
//   reset-password`); the user may do nothing but change it until they have.
// - tickets.keep_thread: the resolving agent asked to keep the thread, so a message within the
//   reopen window reopens this ticket instead of the bot answering / a new ticket opening.
// - tickets.follows_ticket_id: a ticket opened within the reopen window after a resolve points at
//   the one it follows (a new ticket, a fresh SLA, the history linked).
// - tickets.snoozed_until: an agent snoozed the ticket; it leaves the open views until then.
// `down` drops the columns.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('keep_thread', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('follows_ticket_id', 'text')
    .addColumn('snoozed_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tickets').dropColumn('keep_thread').dropColumn('follows_ticket_id').dropColumn('snoozed_until').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}
