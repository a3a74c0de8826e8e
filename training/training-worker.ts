// The training worker thread: cross-validates the catalog, trains the final model on all of it
// and posts the evaluation and the model file back. The CPU-bound work runs here so that the API
// thread keeps answering webhooks, agents and /healthz while a trainer trains. Built, this is
// dist/training/training-worker.js; from the sources it is loaded through training-worker.dev.js. Any error is left uncaught: the worker then exits with code 1 and the
// main side receives the error itself (run-training-in-worker.ts).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { trainModel } from '../bot/classifier';
import { serializeModel } from '../bot/model-file';
import { yieldCpuToOtherThreads } from './background-thread';
import { catalogExamples } from './catalog-examples';
import { crossValidate } from './evaluation';
import type { TrainingRequest, TrainingWorkerMessage } from './training-worker-messages';

async function train(request: TrainingRequest, port: MessagePort): Promise<void> {
  const post = (message: TrainingWorkerMessage) => port.postMessage(message);
  const { catalog, folds, seed } = request;
  // One unit of progress per fold, one more for the final model.
  const units = folds + 1;
  const evaluation = await crossValidate(catalog, {
    folds,
    seed,
    train: request.train,
    onFold: (done, total) =>
      post({
        type: 'progress',
        percent: Math.round((done / units) * 100),
        stage: done < total ? `evaluating: fold ${done + 1} of ${total}` : 'training the model',
      }),
  });
  const examples = catalogExamples(catalog);
  const model = trainModel(examples, { ...request.train, seed });
  // Serialised here, with its version beside it, so the API thread neither parses nor re-serialises
  // a model file of megabytes: it stores the text as it arrives.
  post({ type: 'result', evaluation, model: { version: model.version, file: serializeModel(model) }, examples: examples.length });
}

if (!parentPort) throw new Error('training-worker runs in a worker thread: start it with runTrainingInWorker()');
const port = parentPort;
yieldCpuToOtherThreads();
train(workerData as TrainingRequest, port).catch((error: unknown) => {
  // Rethrown outside the promise chain so it is an uncaught exception, which the parent gets as
  // the worker's 'error' event whatever the unhandled-rejection mode.
  setImmediate(() => {
    throw error;
  });
});
