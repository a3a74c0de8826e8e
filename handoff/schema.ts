// Kysely's view of the tables and columns store/migrations/0007_handoff.ts adds, layered over the
// store's Schema. Handoff and auth code take a Kysely<Schema> and widen it here, so store/schema.ts
// (owned by the store) does not have to know about them.
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Schema, TicketsTable, UsersTable } from '../store/schema';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface HandoffUsersTable extends UsersTable {
  disabled_at: NullableTimestamp;
  last_seen_at: NullableTimestamp;
  queues: ColumnType<string[], string[] | undefined, string[]>;
}

export interface HandoffTicketsTable extends TicketsTable {
  escalations: Generated<number>;
  sla_missed_at: NullableTimestamp;
  first_responder: string | null;
  reopened_at: NullableTimestamp;
  reopen_count: Generated<number>;
  /** 0011 (store/migrations/0011_staff_workspace.ts). */
  keep_thread: Generated<boolean>;
  follows_ticket_id: string | null;
  snoozed_until: NullableTimestamp;
}

export interface TicketNotesTable {
  id: string;
  ticket_id: string;
  author_id: string;
  text: string;
  created_at: CreatedAt;
}

export type CandidateSource = 'relabel' | 'low_confidence' | 'unhandled';

export interface TrainingCandidatesTable {
  id: string;
  message_id: string | null;
  ticket_id: string | null;
  /** PII-redacted, as stored in messages. */
  text: string;
  language: string;
  predicted_intent: string | null;
  intent: string;
  source: CandidateSource;
  status: Generated<'open' | 'accepted' | 'dismissed'>;
  example_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface LoginFailuresTable {
  id: string;
  key: string;
  at: CreatedAt;
}

export interface HandoffSchema extends Omit<Schema, 'users' | 'tickets'> {
  users: HandoffUsersTable;
  tickets: HandoffTicketsTable;
  ticket_notes: TicketNotesTable;
  training_candidates: TrainingCandidatesTable;
  login_failures: LoginFailuresTable;
}

export type HandoffDb = Kysely<HandoffSchema>;

/** The same connection, typed with the 0007 columns (requires that migration to have run). */
export function handoffDb(db: Kysely<Schema>): HandoffDb {
  return db as unknown as HandoffDb;
}
