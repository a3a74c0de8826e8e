// Background training: POST /models/train answers 202 with a job id at once, and the job runs
// in this process off the request path: cross-validate the catalog (one unit of progress per
// fold), train the model on all of it (one more unit), store it as a draft with its evaluation.
// Jobs run one at a time in order (two trainings at once would only slow each other down).
// Progress lives in memory; the finished result lives in model_versions (metrics.jobId), so
// another API process can still answer GET /models/training/:jobId once the job is done.
// The classifier trains synchronously for seconds, so the CPU work runs in a worker thread
// (run-training-in-worker.ts) and this thread keeps serving requests; only loading the catalog
// and saving the draft happen here.
import type { Kysely } from 'kysely';
import type { AuditLog } from '../store/audit-repository';
import { newId } from '../store/ids';
import type { Schema } from '../store/schema';
import { loadCatalogFromDb } from './catalog-repository';
import { DEFAULT_EVALUATION_SEED, DEFAULT_FOLDS, type RecipeOptions } from './evaluation';
import { runTrainingInWorker } from './run-training-in-worker';
import type { TrainerModels } from './trainer-models';

export type TrainingJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface TrainingJobView {
  readonly id: string;
  readonly status: TrainingJobStatus;
  /** 0–100. */
  readonly percent: number;
  readonly stage: string;
  readonly version: string | null;
  /** The version existed already (the catalog and recipe were unchanged). */
  readonly existing?: boolean;
  readonly error: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string | null;
  readonly finishedAt: string | null;
}

export interface TrainingJobsOptions {
  readonly db: Kysely<Schema>;
  readonly models: TrainerModels;
  readonly audit: AuditLog;
  /** Classifier options (the same for the evaluation folds and the final model). */
  readonly train?: RecipeOptions;
  readonly folds?: number;
  readonly seed?: number;
  readonly logger?: {
    info(message: string, fields?: Readonly<Record<string, unknown>>): void;
    error(message: string, fields?: Readonly<Record<string, unknown>>): void;
  };
  /** Finished jobs kept in memory for GET (older ones are answered from model_versions). */
  readonly keep?: number;
}

interface JobState {
  id: string;
  status: TrainingJobStatus;
  percent: number;
  stage: string;
  version: string | null;
  existing?: boolean;
  error: string | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const view = (job: JobState): TrainingJobView => ({
  ...job,
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

export class TrainingJobs {
  private readonly jobs = new Map<string, JobState>();
  private tail: Promise<void> = Promise.resolve();
  /** Aborted by close(): stops the running worker, and fails jobs that have not started. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: TrainingJobsOptions) {}

  /** Queues a training run and returns at once. */
  start(actor: string): TrainingJobView {
    const job: JobState = {
      id: newId(),
      status: 'queued',
      percent: 0,
      stage: 'queued',
      version: null,
      error: null,
      createdBy: actor,
      createdAt: new Date(),
      finishedAt: null,
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.tail = this.tail.then(() => this.run(job));
    return view(job);
  }

  async get(id: string): Promise<TrainingJobView | undefined> {
    const job = this.jobs.get(id);
    if (job) return view(job);
    const done = await this.options.models.byJob(id);
    if (!done) return undefined;
    return {
      id,
      status: 'succeeded',
      percent: 100,
      stage: 'done',
      version: done.version,
      error: null,
      createdBy: null,
      createdAt: null,
      finishedAt: done.createdAt,
    };
  }

  /** Resolves when every queued job has finished (tests). */
  idle(): Promise<void> {
    return this.tail;
  }

  /**
   * Shutdown: terminates the running training and fails the queued ones (a trainer starts them
   * again), then resolves once no job touches the database any more. A draft already being
   * saved is saved.
   */
  close(): Promise<void> {
    this.stopping.abort();
    return this.tail;
  }

  private async run(job: JobState): Promise<void> {
    const { db, models, audit, logger } = this.options;
    const started = Date.now();
    Object.assign(job, { status: 'running', stage: 'starting' });
    try {
      const catalog = await loadCatalogFromDb(db);
      const request = { catalog, folds: this.options.folds ?? DEFAULT_FOLDS, seed: this.options.seed ?? DEFAULT_EVALUATION_SEED, train: this.options.train };
      const { evaluation, model, examples } = await runTrainingInWorker(request, {
        signal: this.stopping.signal,
        onProgress: (progress) => Object.assign(job, progress),
      });
      job.percent = 99;
      job.stage = 'saving';
      const saved = await models.saveDraft(model, {
        source: 'trainer',
        jobId: job.id,
        trainedBy: job.createdBy,
        examples,
        trainMs: Date.now() - started,
        evaluation,
      });
      await audit.record({
        actor: job.createdBy,
        action: 'model.train',
        target: saved.version,
        details: { jobId: job.id, existing: saved.existing, examples, macroF1: evaluation.macroF1 },
      });
      Object.assign(job, { status: 'succeeded', percent: 100, stage: 'done', version: saved.version, existing: saved.existing });
      logger?.info('model trained', { jobId: job.id, version: saved.version, ms: Date.now() - started });
    } catch (error) {
      Object.assign(job, { status: 'failed', stage: 'failed', error: error instanceof Error ? error.message : String(error) });
      logger?.error('training failed', { jobId: job.id, error });
    } finally {
      job.finishedAt = new Date();
    }
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 50;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.finishedAt) this.jobs.delete(id);
    }
  }
}
