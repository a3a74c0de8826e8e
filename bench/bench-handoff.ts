// The production handoff for the benches that build a pipeline around the fixed triage.
import { redactPii } from '../bot/pii/redact';
import type { LiveEvents } from '../events/types';
import { createHandoff } from '../handoff/create-handoff';
import { loadCatalog } from '../intents/loader';
import type { JobQueue } from '../jobs/types';
import type { HandoffPort } from '../pipeline/handoff-port';
import type { Database } from '../store/database';

export function benchHandoff(database: Database, jobs: JobQueue, events: LiveEvents): HandoffPort {
  const catalog = loadCatalog();
  return createHandoff({ db: database.db, jobs, events, catalog: () => catalog, redact: redactPii }).port;
}
