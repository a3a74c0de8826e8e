// The trainer side in one call for the composition root: catalog editing, the inbox, model
// versions and background training, all over one database and the live model registry.
import type { Kysely } from 'kysely';
import { AuditLog } from '../store/audit-repository';
import type { Schema } from '../store/schema';
import type { RecipeOptions } from './evaluation';
import type { ModelRegistry } from './model-registry';
import { TrainerCatalog } from './trainer-catalog';
import { TrainerInbox } from './trainer-inbox';
import { TrainerModels } from './trainer-models';
import { TrainingJobs, type TrainingJobsOptions } from './training-job';

export interface TrainerOptions {
  readonly db: Kysely<Schema>;
  readonly registry: ModelRegistry;
  /** Classifier options for trainer-built models and their evaluation folds (default: the classifier's). */
  readonly train?: RecipeOptions;
  /** Cross-validation folds (default 5) and seed (default 1). */
  readonly folds?: number;
  readonly seed?: number;
  readonly logger?: TrainingJobsOptions['logger'];
  /** Makes a saved definition live in every process (training/live-catalog.ts). Default: none. */
  readonly onCatalogChanged?: (intentId: string) => Promise<void>;
}

export interface Trainer {
  readonly registry: ModelRegistry;
  readonly catalog: TrainerCatalog;
  readonly inbox: TrainerInbox;
  readonly models: TrainerModels;
  readonly jobs: TrainingJobs;
}

export function createTrainer(options: TrainerOptions): Trainer {
  const audit = new AuditLog(options.db);
  const models = new TrainerModels(options.db, audit, options.registry);
  return {
    registry: options.registry,
    catalog: new TrainerCatalog(options.db, audit, options.onCatalogChanged),
    inbox: new TrainerInbox(options.db, audit),
    models,
    jobs: new TrainingJobs({ db: options.db, models, audit, train: options.train, folds: options.folds, seed: options.seed, logger: options.logger }),
  };
}
