// The old hand wiring of a pipeline, kept only while test/faults/poison-delivery.test.ts (which
// the `channels` branch is moving onto compose) still imports it. Delete this file and its
// re-export in pipeline-harness.ts with that move; every other suite builds through compose.
import { redactPii } from '../../bot/pii';
import { createInProcessEvents } from '../../events/in-process-events';
import { createHandoff } from '../../handoff/create-handoff';
import type { JobQueue } from '../../jobs/types';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline';
import type { Database } from '../../store/database';
import type { JobBackend } from './backends';
import { tableTriage } from './pipeline-fixtures';
import { seedCatalog } from './seed-catalog';

export interface Harness {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly pipeline: Pipeline;
}

/** @deprecated Build the system with composeHarness (pipeline-harness.ts) or startComposedServer. */
export function buildHarness(database: Database, jobBackend: JobBackend): Harness {
  const jobs = jobBackend.open();
  const events = createInProcessEvents();
  const catalog = seedCatalog();
  const handoff = createHandoff({ db: database.db, jobs, events, catalog: () => catalog, redact: redactPii });
  return { database, jobs, pipeline: createPipeline({ database, jobs, events, triage: () => tableTriage(), redact: redactPii, handoff: handoff.port }) };
}
