// What the handoff services are built from. Everything with I/O comes in here.
import type { Kysely } from 'kysely';
import type { Redaction } from '../bot/types';
import type { LiveEvents } from '../events/types';
import type { Catalog } from '../bot/intent-schema';
import type { JobQueue } from '../jobs/types';
import type { Schema } from '../store/schema';
import { AuditLog } from '../store/audit-repository';
import { DEFAULT_HANDOFF_CONFIG, type HandoffConfig } from './config';
import { TicketRepository } from './ticket-repository';
import type { Logger } from '../core/logger';

/** The slice of core's Logger port the handoff writes to. */
export type HandoffLogger = Pick<Logger, 'warn'>;

export interface HandoffDeps {
  readonly db: Kysely<Schema>;
  readonly tickets: TicketRepository;
  readonly audit: AuditLog;
  readonly jobs: Pick<JobQueue, 'add'>;
  readonly events: LiveEvents;
  /** The live catalog (routing and suggested answers follow a published change). */
  readonly catalog: () => Pick<Catalog, 'byId'>;
  readonly config: HandoffConfig;
  /** bot/pii redactPii: agent replies and notes are stored redacted like citizen text. */
  readonly redact: (text: string) => Redaction;
  readonly now: () => Date;
  readonly logger?: HandoffLogger;
}

export interface HandoffDepsInput extends Omit<HandoffDeps, 'tickets' | 'audit' | 'config' | 'now'> {
  readonly config?: HandoffConfig;
  readonly now?: () => Date;
}

export function createHandoffDeps(input: HandoffDepsInput): HandoffDeps {
  return {
    ...input,
    tickets: new TicketRepository(input.db),
    audit: new AuditLog(input.db),
    config: input.config ?? DEFAULT_HANDOFF_CONFIG,
    now: input.now ?? (() => new Date()),
  };
}
