// The audit log: one row per privileged action (agent actions on tickets, user management,
// sign-ins). Details are redacted before they are written, like every stored text.
import type { Kysely } from 'kysely';
import { redactForLog } from '../bot/pii';
import { newId } from './ids';
import type { Schema } from './schema';

export interface AuditEntry {
  /** User id, or 'system' for jobs (SLA escalation). */
  readonly actor: string;
  /** Dotted verb, e.g. 'ticket.claim', 'user.disable'. */
  readonly action: string;
  readonly target?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditRow extends Required<Omit<AuditEntry, 'target'>> {
  readonly id: string;
  readonly target: string | null;
  readonly at: Date;
}

export class AuditLog {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Writes through `trx` when given, so the entry commits or rolls back with the action. */
  async record(entry: AuditEntry, trx: Kysely<Schema> = this.db): Promise<void> {
    await trx
      .insertInto('audit_log')
      .values({
        id: newId(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target ?? null,
        details: JSON.stringify(redactForLog(entry.details ?? {})),
      })
      .execute();
  }

  async forTarget(target: string): Promise<AuditRow[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('target', '=', target).orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, actor: r.actor, action: r.action, target: r.target, details: r.details, at: r.at }));
  }
}
