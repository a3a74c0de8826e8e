// The API thread's side of training: runs one training request in a fresh worker thread
// (training-worker.ts), relays its progress, and resolves with the evaluation and the model file
// once the worker has exited. The file is not parsed here: loading a model of megabytes held
// this thread for tens of milliseconds, and the caller only stores it. One worker per run: a crashed or stopped run leaves nothing
// behind for the next one.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrainerEvaluation } from './evaluation';
import type { TrainedModelFile, TrainingProgress, TrainingRequest, TrainingWorkerMessage } from './training-worker-messages';

// Built: the compiled worker beside this file. From the sources: a shim that registers tsx first.
const WORKER_ENTRY = path.join(__dirname, __filename.endsWith('.ts') ? 'training-worker.dev.js' : 'training-worker.js');

export class TrainingWorkerError extends Error {
  override readonly name = 'TrainingWorkerError';
}

export interface TrainingResult {
  readonly evaluation: TrainerEvaluation;
  readonly model: TrainedModelFile;
  readonly examples: number;
}

export interface RunTrainingOptions {
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Aborting terminates the worker; the run rejects with a TrainingWorkerError. */
  readonly signal?: AbortSignal;
}

/**
 * A worker's error arrives rebuilt from its serialised form (from another realm under jest), so
 * neither instanceof nor isNativeError knows it: keep its message, and the original as the cause.
 */
function fromWorker(error: unknown): TrainingWorkerError {
  const message = (error as { message?: unknown } | null)?.message;
  return new TrainingWorkerError(typeof message === 'string' ? message : `the training worker failed: ${String(error)}`, { cause: error });
}

const stopped = () => new TrainingWorkerError('training stopped: the server is shutting down');

/**
 * Rejects with a TrainingWorkerError: carrying the worker's own message when training throws
 * (e.g. "trainModel: no training examples"), or saying the worker exited early or was stopped.
 * Settles only after the worker has exited.
 */
export function runTrainingInWorker(request: TrainingRequest, options: RunTrainingOptions = {}): Promise<TrainingResult> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(stopped());
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: request });
    let result: Extract<TrainingWorkerMessage, { type: 'result' }> | undefined;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
    };
    const stop = () => {
      fail(stopped());
      void worker.terminate();
    };
    signal?.addEventListener('abort', stop, { once: true });

    worker.on('message', (message: TrainingWorkerMessage) => {
      if (message.type === 'progress') onProgress?.({ percent: message.percent, stage: message.stage });
      else result = message;
    });
    worker.on('messageerror', (error) => fail(fromWorker(error)));
    // An uncaught error in the worker: 'exit' (code 1) follows, and settles the run.
    worker.on('error', (error) => fail(fromWorker(error)));
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (failure) return reject(failure);
      if (code !== 0 || !result) return reject(new TrainingWorkerError(`the training worker exited with code ${code} before sending a model`));
      resolve({ evaluation: result.evaluation, model: result.model, examples: result.examples });
    });
  });
}
