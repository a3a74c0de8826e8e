// Kysely's view of every table store/migrations creates, the one schema all modules share. Ids are ULID-like text (store/ids.ts):
// time-ordered, made by the application, returned as strings on both engines.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Read as Date; written as Date or ISO string; defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (pg would turn JS arrays into SQL arrays). */
type Json<T extends object> = JSONColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type ChannelColumn = 'web' | 'x' | 'facebook' | 'kakao';
export interface LinkJson {
  readonly label: string;
  readonly url: string;
}
export interface QuickReplyJson {
  readonly label: string;
  readonly text: string;
}

export interface ContactsTable {
  id: string;
  channel: ChannelColumn;
  platform_user_id: string;
  handle: string | null;
  display_name: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ConversationsTable {
  id: string;
  channel: ChannelColumn;
  thread_key: string;
  contact_id: string;
  is_public: boolean;
  language: string | null;
  owner: Generated<'bot' | 'human'>;
  out_of_scope_streak: Generated<number>;
  last_inbound_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** 'dead': processing failed the same way on every attempt (last_error says why). */
export type MessageStatus = 'received' | 'processing' | 'processed' | 'dead';

export interface MessagesTable {
  id: string;
  conversation_id: string;
  channel: ChannelColumn;
  direction: 'in' | 'out';
  author: 'citizen' | 'bot' | 'agent';
  /** PII-redacted: raw citizen text never reaches this column. */
  text: string;
  pii_types: ColumnType<string[], string[] | undefined, string[]>;
  external_id: string | null;
  /** Inbound only. */
  status: MessageStatus | null;
  /** Inbound only: why the message went 'dead'. */
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  /** Outbound: the answer's links. Inbound: the media the citizen sent, {label: kind, url}. */
  links: Json<LinkJson[]>;
  reply_target: Json<Record<string, string>>;
  /** Outbound only: the outbox row this message records. */
  outbox_id: string | null;
  ticket_id: string | null;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface DecisionsTable {
  id: string;
  message_id: string;
  intent: string;
  confidence: number;
  top_k: Json<{ intent: string; confidence: number }[]>;
  /** Found in the redacted text, so already free of raw PII. */
  entities: Json<unknown[]>;
  language: string;
  action: string;
  reason: string | null;
  /** PII findings (type and offsets only) in the text triage saw. */
  pii: Json<{ type: string; start: number; end: number }[]>;
  /** The reply the decision carried, as rendered from the catalog (no citizen text). */
  reply: NullableJson<{ text: string; links: LinkJson[]; quickReplies?: QuickReplyJson[] }>;
  model_version: string;
  latency_us: number;
  /** Clarify choices, a second answered intent, card flags, the urgent situation (0012). */
  dialog: NullableJson<DecisionDialogJson>;
  created_at: CreatedAt;
}

export interface DecisionDialogJson {
  choices?: string[];
  alsoIntent?: string;
  flags?: string[];
  situation?: string;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'dead';

export interface OutboxTable {
  id: string;
  conversation_id: string;
  in_reply_to: string | null;
  kind: 'bot_reply' | 'agent_reply';
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  text: string;
  links: Json<LinkJson[]>;
  quick_replies: NullableJson<QuickReplyJson[]>;
  is_public: boolean;
  authored_by: 'bot' | 'agent';
  /** Agent user id for agent replies. */
  author_id: string | null;
  reply_target: Json<Record<string, string>>;
  external_id: string | null;
  next_attempt_at: NullableTimestamp;
  /** The attempt holding the row in 'sending' (store/outbound-writes.ts). */
  send_token: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  sent_at: NullableTimestamp;
}

export interface RejectedEventsTable {
  id: string;
  channel: string;
  external_id: string | null;
  reason: string;
  created_at: CreatedAt;
}

export type TicketStatus = 'waiting' | 'assigned' | 'resolved' | 'returned_to_bot';
export type TicketPriority = 'urgent' | 'high' | 'normal' | 'low';

export interface TicketsTable {
  id: string;
  conversation_id: string;
  opened_by_message_id: string | null;
  status: Generated<TicketStatus>;
  priority: TicketPriority;
  queue: string;
  reason: string | null;
  assignee: string | null;
  triage_card: NullableJson<Record<string, unknown>>;
  sla_deadline: NullableTimestamp;
  first_response_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  resolved_at: NullableTimestamp;
  /** 0007: how often the SLA job marked the ticket overdue (0 or 1 since 0013). */
  escalations: Generated<number>;
  sla_missed_at: NullableTimestamp;
  first_responder: string | null;
  reopened_at: NullableTimestamp;
  reopen_count: Generated<number>;
  /** 0013 (store/migrations/0013_staff_workspace.ts). */
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

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  roles: ColumnType<string[], string[], string[]>;
  display_name: string;
  created_at: CreatedAt;
  /** 0007: disabled accounts keep their history but cannot sign in. */
  disabled_at: NullableTimestamp;
  last_seen_at: NullableTimestamp;
  queues: ColumnType<string[], string[] | undefined, string[]>;
  /** 0013: set by an admin's password reset; cleared when the user picks their own. */
  must_change_password: Generated<boolean>;
}

export interface LoginFailuresTable {
  id: string;
  key: string;
  at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  details: Json<Record<string, unknown>>;
  at: CreatedAt;
}

export interface IntentsTable {
  id: string;
  definition: Json<Record<string, unknown>>;
  updated_at: CreatedAt;
}

export interface ExamplesTable {
  id: string;
  intent_id: string;
  text: string;
  language: string;
  source: 'catalog' | 'relabel' | 'inbox';
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ModelVersionsTable {
  id: string;
  version: string;
  status: Generated<'draft' | 'published' | 'retired'>;
  metrics: Json<Record<string, unknown>>;
  model: string;
  created_at: CreatedAt;
  published_at: NullableTimestamp;
  published_by: string | null;
}

export type CandidateSource = 'relabel' | 'low_confidence' | 'unhandled' | 'negative_feedback';

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

export interface ChannelStateTable {
  key: string;
  value: string;
  updated_at: CreatedAt;
}

export interface PinnedAnswerJson {
  readonly text: { readonly ko: string; readonly en: string };
  readonly links: readonly LinkJson[];
  readonly expiresAt: string;
  readonly setBy: string;
  readonly setAt: string;
}

export interface SurgesTable {
  id: string;
  /** 'topic:<cluster>', 'intent:<id>' or 'region:<name>' as the detector named it. */
  key: string;
  kind: 'topic' | 'intent' | 'region';
  status: 'open' | 'closed';
  label: string;
  intent: string | null;
  region: string | null;
  count: number;
  rate_per_min: number;
  baseline_per_min: number;
  per_minute: Json<number[]>;
  sample_message_ids: Json<string[]>;
  top_terms: Json<string[]>;
  regions: Json<Record<string, number>>;
  channels: Json<Record<string, number>>;
  /** MinHash signatures (surge/minhash.ts) standing for the surge's messages. */
  signatures: Json<number[][]>;
  pinned_answer: NullableJson<PinnedAnswerJson>;
  opened_at: Timestamp;
  updated_at: Timestamp;
  closed_at: NullableTimestamp;
}

/** 0015: messages per surge detector key ('intent:<id>', 'region:<name>') and clock hour. */
export interface SurgeHourlyCountsTable {
  key: string;
  /** The hour's start. */
  hour: Timestamp;
  count: number;
}

export type LinkCheckStatus = 'ok' | 'redirected' | 'broken' | 'unreachable' | 'blocked';

export interface LinkChecksTable {
  url: string;
  status: LinkCheckStatus;
  http_status: number | null;
  /** Where a redirect chain ended. */
  final_url: string | null;
  error: string | null;
  checked_at: Timestamp;
}

/** 0014: two channel identities of one citizen, on evidence only (smaller id first). */
export interface ContactLinksTable {
  contact_id: string;
  linked_contact_id: string;
  evidence: 'agent_confirmed' | 'verified_account';
  created_by: string | null;
  created_at: CreatedAt;
}

/** 0014: the CSAT asked for on resolve; score and comment (redacted) once the citizen answers. */
export interface TicketRatingsTable {
  ticket_id: string;
  conversation_id: string;
  agent_id: string | null;
  requested_at: Timestamp;
  score: number | null;
  comment: string | null;
  rated_at: NullableTimestamp;
}

/** 0014: "Was this helpful?" on the bot's answer to a citizen message. */
export interface AnswerFeedbackTable {
  message_id: string;
  conversation_id: string;
  helpful: boolean;
  created_at: CreatedAt;
}

/** 0016 (store/migrations/0016_canned_responses.ts). */
export interface CannedResponsesTable {
  id: string;
  title: string;
  text_ko: string;
  text_en: string;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface Schema {
  contacts: ContactsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  decisions: DecisionsTable;
  outbox: OutboxTable;
  tickets: TicketsTable;
  ticket_notes: TicketNotesTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  intents: IntentsTable;
  examples: ExamplesTable;
  model_versions: ModelVersionsTable;
  training_candidates: TrainingCandidatesTable;
  channel_state: ChannelStateTable;
  rejected_events: RejectedEventsTable;
  surges: SurgesTable;
  surge_hourly_counts: SurgeHourlyCountsTable;
  link_checks: LinkChecksTable;
  contact_links: ContactLinksTable;
  ticket_ratings: TicketRatingsTable;
  answer_feedback: AnswerFeedbackTable;
  canned_responses: CannedResponsesTable;
}
