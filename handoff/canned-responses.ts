// Canned responses as a service: anyone on the staff reads them; trainers and admins (the routes
// check the role) create, edit and delete them. Each change commits with its audit row.
import type { Kysely } from 'kysely';
import { DomainError } from '../core/errors';
import type { AuditLog } from '../store/audit-repository';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';
import { CannedResponseRepository, type CannedResponse, type CannedResponseInput } from './canned-response-repository';

export interface CannedResponsesDeps {
  readonly db: Kysely<Schema>;
  readonly audit: AuditLog;
  readonly now?: () => Date;
}

export class CannedResponses {
  private readonly repository: CannedResponseRepository;
  private readonly now: () => Date;

  constructor(private readonly deps: CannedResponsesDeps) {
    this.repository = new CannedResponseRepository(deps.db);
    this.now = deps.now ?? (() => new Date());
  }

  list(): Promise<CannedResponse[]> {
    return this.repository.list();
  }

  create(actorId: string, input: CannedResponseInput): Promise<CannedResponse> {
    return this.deps.db.transaction().execute(async (trx) => {
      const created = await this.repository.insert(`canned-${newId()}`, input, actorId, trx);
      await this.deps.audit.record({ actor: actorId, action: 'canned.create', target: created.id, details: { title: input.title } }, trx);
      return created;
    });
  }

  update(actorId: string, id: string, input: CannedResponseInput): Promise<CannedResponse> {
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await this.repository.find(id, trx);
      const updated = before && (await this.repository.update(id, input, actorId, this.now(), trx));
      if (!before || !updated) throw new DomainError('not_found', `canned response ${id}`);
      await this.deps.audit.record({ actor: actorId, action: 'canned.update', target: id, details: { from: before.title, title: input.title } }, trx);
      return updated;
    });
  }

  remove(actorId: string, id: string): Promise<void> {
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await this.repository.find(id, trx);
      if (!before || !(await this.repository.remove(id, trx))) throw new DomainError('not_found', `canned response ${id}`);
      await this.deps.audit.record({ actor: actorId, action: 'canned.delete', target: id, details: { title: before.title } }, trx);
    });
  }
}
