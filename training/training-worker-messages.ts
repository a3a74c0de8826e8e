// What crosses the thread boundary between TrainingJobs (run-training-in-worker.ts, on the API
// thread) and the training worker (training-worker.ts). Plain data only: it is copied by
// structured clone, so no callbacks, and the model travels as its model file (bot/model-file).
import type { Catalog } from '../bot/intent-schema';
import type { RecipeOptions, TrainerEvaluation } from './evaluation';

/** A trained model as serializeModel() wrote it, and its version (a content hash). */
export interface TrainedModelFile {
  readonly version: string;
  readonly file: string;
}

/** The worker's workerData. */
export interface TrainingRequest {
  /** As loaded by loadCatalogFromDb (its byId Map survives structured clone). */
  readonly catalog: Catalog;
  readonly folds: number;
  readonly seed: number;
  readonly train?: RecipeOptions;
}

export interface TrainingProgress {
  /** 0–100. */
  readonly percent: number;
  readonly stage: string;
}

/** The worker posts progress any number of times, then one result. A failure is thrown, not posted. */
export type TrainingWorkerMessage =
  | ({ readonly type: 'progress' } & TrainingProgress)
  | {
      readonly type: 'result';
      readonly evaluation: TrainerEvaluation;
      /** The final model, as its model file. */
      readonly model: TrainedModelFile;
      /** Examples the final model was trained on. */
      readonly examples: number;
    };
