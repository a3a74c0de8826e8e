// One pipeline per test over the engine under test: a shared database per suite, a fresh job
// queue per test, the real redactor and in-process live events, table triage and a recording sender.
import { redactPii } from '../../bot/pii';
import type { LiveEvent } from '../../events/types';
import { createInProcessEvents } from '../../events/in-process-events';
import type { JobQueue } from '../../jobs/types';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline';
import type { Checkpoint, WorkerSettings } from '../../pipeline/deps';
import type { Database } from '../../store/database';
import { describeEachDatabase, describeEachJobDriver, type JobBackend } from './backends';
import { productionHandoff } from './production-handoff';
import { RecordingSender, tableTriage, type TriageCall } from './pipeline-fixtures';

export interface Harness {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly pipeline: Pipeline;
  readonly sender: RecordingSender;
  readonly events: LiveEvent[];
  readonly triageCalls: TriageCall[];
  /** Starts the workers (fast retries) with the recording sender. */
  startWorkers(settings?: WorkerSettings): void;
}

export const FAST_WORKERS: WorkerSettings = {
  inbound: { attempts: 3, backoffMs: 20 },
  outbound: { attempts: 3, backoffMs: 20 },
  sendLeaseMs: 1000,
};

export function buildHarness(database: Database, jobBackend: JobBackend, options: { checkpoint?: (point: Checkpoint, id: string) => void } = {}): Harness {
  const jobs = jobBackend.open();
  const liveEvents = createInProcessEvents();
  const events: LiveEvent[] = [];
  liveEvents.subscribe((event) => events.push(event));
  const triageCalls: TriageCall[] = [];
  const sender = new RecordingSender('web');
  const pipeline = createPipeline({
    database,
    jobs,
    events: liveEvents,
    triage: () => tableTriage(triageCalls),
    redact: redactPii,
    handoff: productionHandoff(database, jobs, liveEvents),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  });
  return {
    database,
    jobs,
    pipeline,
    sender,
    events,
    triageCalls,
    startWorkers: (settings = FAST_WORKERS) => pipeline.registerWorkers(new Map([['web', sender]]), settings),
  };
}

/** Runs `body` on every database × job driver pair; `current()` is a fresh harness per test. */
export function describeEachEngine(title: string, body: (current: () => Harness) => void): void {
  describeEachDatabase(title, (database) => {
    describeEachJobDriver('with jobs', (jobBackend) => {
      let harness: Harness | undefined;
      beforeEach(() => {
        harness = buildHarness(database(), jobBackend);
      });
      afterEach(async () => {
        await harness?.jobs.close();
      });
      body(() => harness!);
    });
  });
}
