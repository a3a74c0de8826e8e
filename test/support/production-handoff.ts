// The handoff the pipeline runs with in production (tickets, routing, triage card, SLA jobs), for
// suites that build a pipeline around a table triage: there is no other handoff to test with.
import { redactPii } from '../../bot/pii';
import type { LiveEvents } from '../../events/types';
import { createHandoff } from '../../handoff/create-handoff';
import type { JobQueue } from '../../jobs/types';
import type { HandoffPort } from '../../pipeline/handoff-port';
import type { Database } from '../../store/database';
import { seedCatalog } from './seed-catalog';

export function productionHandoff(database: Database, jobs: JobQueue, events: LiveEvents): HandoffPort {
  const catalog = seedCatalog();
  return createHandoff({ db: database.db, jobs, events, catalog: () => catalog, redact: redactPii }).port;
}
