// Trainer training runs in a worker thread: the API thread keeps its event loop while a job
// trains, an error in the worker fails that job with the worker's own message and not the job
// after it, and shutdown stops a running worker. PGlite only: the database is not what is under
// test here, and each scenario trains real models.
import { loadModel } from '../../bot/model-file';
import { loadCatalog } from '../../intents/loader';
import type { Catalog } from '../../bot/intent-schema';
import type { Database } from '../../store/database';
import { catalogExamples } from '../../training/catalog-examples';
import { seedCatalogIfEmpty } from '../../training/catalog-repository';
import { createModelRegistry } from '../../training/model-registry';
import { runTrainingInWorker, TrainingWorkerError } from '../../training/run-training-in-worker';
import { createTrainer } from '../../training/trainer-api';
import type { TrainingJobs } from '../../training/training-job';
import { eventually, PGLITE } from '../support/backends';
import { FAST_TRAIN, smallCatalog, TEST_FOLDS } from './fixtures';

interface TrainerUnderTest {
  readonly database: Database;
  readonly jobs: TrainingJobs;
  close(): Promise<void>;
}

async function openTrainer(catalog: Catalog): Promise<TrainerUnderTest> {
  const database = await PGLITE.open();
  await seedCatalogIfEmpty(database.db, catalog);
  const registry = createModelRegistry({ database, train: FAST_TRAIN });
  const { jobs } = createTrainer({ db: database.db, registry, train: FAST_TRAIN, folds: TEST_FOLDS });
  return {
    database,
    jobs,
    async close() {
      await jobs.close();
      await PGLITE.dispose(database);
    },
  };
}

/** Records the longest gap between ticks of a 10 ms interval: how long the event loop was held. */
function watchEventLoop(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(ticker);
      return longest;
    },
  };
}

describe('training jobs on the full catalog', () => {
  let trainer: TrainerUnderTest;
  beforeAll(async () => {
    trainer = await openTrainer(loadCatalog());
  });
  afterAll(() => trainer.close());

  test('the event loop keeps ticking while a job trains, and the worker reports fold progress', async () => {
    const watch = watchEventLoop();
    const started = performance.now();
    const { id } = trainer.jobs.start('trainer-1');
    const stages = new Set<string>();
    await eventually(
      async () => {
        const job = await trainer.jobs.get(id);
        stages.add(job!.stage);
        return job!.status === 'succeeded' || job!.status === 'failed';
      },
      30_000,
      'the job finished',
    );
    const trainingMs = performance.now() - started;
    const longestGap = watch.stop();

    expect(await trainer.jobs.get(id)).toMatchObject({ status: 'succeeded', percent: 100, error: null });
    expect([...stages]).toEqual(expect.arrayContaining(['evaluating: fold 1 of 3', 'evaluating: fold 3 of 3', 'training the model']));
    // On this thread each fold alone held the loop for about half a second.
    expect(trainingMs).toBeGreaterThan(1000);
    expect(longestGap).toBeLessThan(250);
  });

  test('close() stops a running training at once and fails the jobs queued behind it', async () => {
    const running = trainer.jobs.start('trainer-1');
    const queued = trainer.jobs.start('trainer-1');
    await eventually(async () => (await trainer.jobs.get(running.id))!.stage.startsWith('evaluating'), 30_000, 'the worker started evaluating');
    const closing = performance.now();
    await trainer.jobs.close();
    // Well under one training run (over a second above): the worker was terminated, not awaited.
    expect(performance.now() - closing).toBeLessThan(500);
    const stopped = { status: 'failed', error: 'training stopped: the server is shutting down' };
    expect(await trainer.jobs.get(running.id)).toMatchObject(stopped);
    expect(await trainer.jobs.get(queued.id)).toMatchObject(stopped);
    const late = trainer.jobs.start('trainer-1');
    await trainer.jobs.idle();
    expect(await trainer.jobs.get(late.id)).toMatchObject(stopped);
  });
});

describe('a training job whose worker fails', () => {
  let trainer: TrainerUnderTest;
  beforeAll(async () => {
    // No intents, so nothing to train on: the worker throws when it trains the final model.
    trainer = await openTrainer({ intents: [], byId: new Map() });
  });
  afterAll(() => trainer.close());

  test("is failed with the worker's error, and the next job trains", async () => {
    const failing = trainer.jobs.start('trainer-1');
    // Once the worker reports (or the job ended) it holds its own copy of the catalog.
    await eventually(async () => !['queued', 'starting'].includes((await trainer.jobs.get(failing.id))!.stage), 30_000, 'the worker had the catalog');
    const { db } = trainer.database;
    expect(await seedCatalogIfEmpty(db, smallCatalog())).toBe(true);

    const next = trainer.jobs.start('trainer-1');
    await trainer.jobs.idle();
    expect(await trainer.jobs.get(failing.id)).toMatchObject({ status: 'failed', stage: 'failed', version: null, error: 'trainModel: no training examples' });
    const trained = await trainer.jobs.get(next.id);
    expect(trained).toMatchObject({ status: 'succeeded', percent: 100, error: null });
    const row = await db.selectFrom('model_versions').select(['status']).where('version', '=', trained!.version!).executeTakeFirst();
    expect(row).toEqual({ status: 'draft' });
  });
});

describe('runTrainingInWorker', () => {
  const request = { catalog: smallCatalog(4, 2), folds: 2, seed: 1 };

  test('rejects with the error the worker threw (train options trainModel cannot use)', async () => {
    const run = runTrainingInWorker({ ...request, train: { ...FAST_TRAIN, features: { hashBits: -1 } } });
    await expect(run).rejects.toBeInstanceOf(TrainingWorkerError);
    await expect(run).rejects.toMatchObject({ message: 'Invalid typed array length: -2147483648', cause: { name: 'RangeError' } });
  });

  test('resolves with the evaluation and the model file, relaying progress in order', async () => {
    const percents: number[] = [];
    const result = await runTrainingInWorker({ ...request, train: FAST_TRAIN }, { onProgress: ({ percent }) => percents.push(percent) });
    expect(percents).toEqual([0, 33, 67]);
    expect(result.evaluation.method).toEqual({ kind: 'stratified-k-fold', folds: 2, seed: 1 });
    expect(result.examples).toBe(catalogExamples(request.catalog).length);
    expect(result.model.version).toMatch(/^m-[0-9a-f]{12}$/);
    const model = loadModel(result.model.file);
    expect(model.version).toBe(result.model.version);
    expect(model.predict('가족관계증명서 발급').length).toBeGreaterThan(0);
  });

  test('an aborted signal stops the worker with a TrainingWorkerError', async () => {
    const controller = new AbortController();
    const run = runTrainingInWorker({ ...request, train: FAST_TRAIN }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(TrainingWorkerError);
    await expect(runTrainingInWorker(request, { signal: controller.signal })).rejects.toThrow('training stopped: the server is shutting down');
  });
});
