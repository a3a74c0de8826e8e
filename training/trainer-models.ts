// Model versions as the trainer sees them: the list, each draft's evaluation, and publishing.
// Publishing is gated (training/evaluation-gate.ts) unless forced with a reason; publishing a
// version that was live before is a rollback and skips the gate (it already served citizens).
// Either way the swap is one transaction (one published row at a time), audited, and followed
// by registry.reload() here; other processes converge through the registry's watch() polling.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import type { Schema } from '../store/schema';
import { findRegressions, gateMetricsOf, type Regression } from './evaluation-gate';
import type { TrainerEvaluation } from './evaluation';
import type { ModelRegistry } from './model-registry';
import type { TrainedModelFile } from './training-worker-messages';
import {
  findModelVersion,
  findModelVersionByJob,
  findPublishedVersion,
  insertModelVersion,
  listModelVersions,
  publishModelVersion,
  retireModelVersion,
  setModelMetrics,
  type ModelVersionRow,
} from './model-version-repository';
import { DomainError } from '../core/errors';

export const publishBodySchema = z
  .object({ force: z.boolean().optional(), reason: z.string().trim().min(1).max(1000).optional() })
  .strict()
  .refine((b) => !b.force || b.reason !== undefined, { message: 'force: true needs a reason (it goes in the audit log)', path: ['reason'] });
export const rollbackBodySchema = z.object({ reason: z.string().trim().min(1).max(1000).optional() }).strict();

/** What a draft stores in model_versions.metrics. */
export interface DraftMetrics {
  readonly source: 'trainer';
  readonly jobId: string;
  readonly trainedBy: string;
  readonly examples: number;
  readonly trainMs: number;
  readonly evaluation: TrainerEvaluation;
}

export interface ModelVersionSummary {
  readonly version: string;
  readonly status: 'draft' | 'published' | 'retired';
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly publishedBy: string | null;
  readonly jobId: string | null;
  readonly examples: number | null;
  /** Headline numbers of its evaluation; null for a model the trainer API did not evaluate. */
  readonly evaluation: {
    readonly accuracy: number;
    readonly macroF1: number;
    readonly emergencyRecall: number | null;
    readonly autoAnswerPrecision: number;
  } | null;
}

export interface PublishResult {
  readonly version: string;
  readonly previous: string | null;
  readonly rollback: boolean;
  readonly forced: boolean;
  /** Regressions overridden by force (empty when the gate passed). */
  readonly regressions: readonly Regression[];
  /** False when the published model had no evaluation to compare with. */
  readonly compared: boolean;
}

type Row = ModelVersionRow;

const evaluationOf = (metrics: unknown): TrainerEvaluation | undefined => (metrics as { evaluation?: TrainerEvaluation } | null)?.evaluation;

function summary(row: Row): ModelVersionSummary {
  const m = row.metrics as Partial<DraftMetrics> | null;
  const e = evaluationOf(row.metrics);
  return {
    version: row.version,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    publishedBy: row.published_by,
    jobId: m?.jobId ?? null,
    examples: m?.examples ?? null,
    evaluation: e ? { accuracy: e.accuracy, macroF1: e.macroF1, emergencyRecall: e.emergencyRecall, autoAnswerPrecision: e.autoAnswer.precision } : null,
  };
}

export class TrainerModels {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly audit: AuditLog,
    private readonly registry: Pick<ModelRegistry, 'reload'>,
  ) {}

  async list(): Promise<ModelVersionSummary[]> {
    const rows = await listModelVersions(this.db);
    return rows.map(summary);
  }

  async get(version: string): Promise<ModelVersionSummary> {
    return summary(await this.row(this.db, version));
  }

  async evaluation(version: string): Promise<{ version: string; status: string; evaluation: TrainerEvaluation }> {
    const row = await this.row(this.db, version);
    const evaluation = evaluationOf(row.metrics);
    if (!evaluation) throw new DomainError('not_found', `an evaluation of model ${version} (it was not trained through the trainer API)`);
    return { version, status: row.status, evaluation };
  }

  /** The version a training job produced, found by its job id (for jobs run in another process). */
  async byJob(jobId: string): Promise<ModelVersionSummary | undefined> {
    const row = await findModelVersionByJob(this.db, jobId);
    return row && summary(row);
  }

  /**
   * Stores a trained model as a draft. The version is a content hash, so training an unchanged
   * catalog again gives a version that exists: then the stored row is kept, and given this
   * evaluation if it had none (the first-start model gets its baseline this way).
   */
  async saveDraft(model: TrainedModelFile, metrics: DraftMetrics): Promise<{ version: string; existing: boolean }> {
    const existing = await findModelVersion(this.db, model.version);
    if (existing) {
      if (!evaluationOf(existing.metrics)) {
        await setModelMetrics(this.db, model.version, { ...(existing.metrics as object), ...metrics });
      }
      return { version: model.version, existing: true };
    }
    await insertModelVersion(this.db, { version: model.version, status: 'draft', metrics, model: model.file });
    return { version: model.version, existing: false };
  }

  async publish(actor: string, version: string, body: unknown): Promise<PublishResult> {
    const { force = false, reason } = publishBodySchema.parse(body ?? {});
    return this.swap(actor, version, { force, reason, rollbackOnly: false });
  }

  async rollback(actor: string, version: string, body: unknown): Promise<PublishResult> {
    const { reason } = rollbackBodySchema.parse(body ?? {});
    return this.swap(actor, version, { force: false, reason, rollbackOnly: true });
  }

  private async swap(actor: string, version: string, options: { force: boolean; reason?: string; rollbackOnly: boolean }): Promise<PublishResult> {
    const result = await this.swapInTransaction(actor, version, options).catch((error: unknown) => {
      // Two publishes at once: the one-published-row index lets one win.
      if ((error as { code?: unknown }).code === '23505')
        throw new DomainError('conflict', `another model was published at the same time as ${version}; try again`);
      throw error;
    });
    await this.registry.reload();
    return result;
  }

  private swapInTransaction(actor: string, version: string, options: { force: boolean; reason?: string; rollbackOnly: boolean }): Promise<PublishResult> {
    return this.db.transaction().execute(async (trx) => {
      const target = await this.row(trx, version);
      if (target.status === 'published') throw new DomainError('conflict', `model ${version} is already published`);
      const rollback = target.published_at !== null;
      if (options.rollbackOnly && !rollback) {
        throw new DomainError('conflict', `model ${version} was never published, so there is nothing to roll back to; publish it instead`);
      }
      const current = await findPublishedVersion(trx);
      const draftMetrics = gateMetricsOf(target.metrics);
      const baseline = current ? gateMetricsOf(current.metrics) : undefined;
      if (!rollback && !draftMetrics) throw new DomainError('conflict', `model ${version} has no evaluation; train it through the trainer API`);
      const regressions = !rollback && draftMetrics && baseline ? findRegressions(draftMetrics, baseline) : [];
      if (regressions.length > 0 && !options.force) {
        throw new DomainError(
          'conflict',
          `model ${version} regresses the published ${current!.version} on ${regressions.map((r) => r.metric).join(' and ')}; publish with force and a reason to override`,
          {
            published: current!.version,
            regressions,
          },
        );
      }
      if (current) await retireModelVersion(trx, current.version);
      await publishModelVersion(trx, version, actor, new Date());
      const outcome: PublishResult = {
        version,
        previous: current?.version ?? null,
        rollback,
        forced: options.force && regressions.length > 0,
        regressions,
        compared: rollback || baseline !== undefined,
      };
      await this.audit.record(
        {
          actor,
          action: rollback ? 'model.rollback' : 'model.publish',
          target: version,
          details: {
            previous: outcome.previous,
            forced: outcome.forced,
            regressions,
            compared: outcome.compared,
            ...(options.reason ? { reason: options.reason } : {}),
          },
        },
        trx,
      );
      return outcome;
    });
  }

  private async row(db: Kysely<Schema>, version: string): Promise<Row> {
    const row = await findModelVersion(db, version);
    if (!row) throw new DomainError('not_found', `model version ${version}`);
    return row;
  }
}
