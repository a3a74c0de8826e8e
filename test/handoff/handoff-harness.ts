// A pipeline wired with the real handoff port over the database under test: real redactor,
// in-process live events (recorded), the in-process job queue wrapped to record what was added,
// and the pipeline's table triage as the classifier's stand-in (the HTTP suites use the real one).
import { redactPii } from '../../bot/pii';
import { createInProcessEvents } from '../../events/in-process-events';
import type { LiveEvent } from '../../events/types';
import type { HandoffConfig } from '../../handoff/config';
import { DEFAULT_HANDOFF_CONFIG } from '../../handoff/config';
import { createHandoffDeps, type HandoffDeps } from '../../handoff/deps';
import { createHandoffPort } from '../../handoff/pipeline-handoff';
import { TicketService } from '../../handoff/ticket-service';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import type { AddOptions, JobName, JobPayloads, JobQueue } from '../../jobs/types';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline';
import type { Database } from '../../store/database';
import { UserRepository } from '../../accounts/user-repository';
import { RecordingSender, tableTriage } from '../support/pipeline-fixtures';
import { seedCatalog } from '../support/seed-catalog';

export interface AddedJob {
  readonly name: JobName;
  readonly data: JobPayloads[JobName];
  readonly options?: AddOptions;
}

export interface HandoffHarness {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly added: AddedJob[];
  readonly events: LiveEvent[];
  readonly sender: RecordingSender;
  readonly pipeline: Pipeline;
  readonly deps: HandoffDeps;
  readonly service: TicketService;
  /** Moves the harness clock. */
  setNow(date: Date): void;
  /** An enabled user with these roles; returns the actor. */
  agent(roles?: string[]): Promise<{ id: string; roles: string[] }>;
  close(): Promise<void>;
}

let userCounter = 0;

export function buildHandoffHarness(database: Database, config: HandoffConfig = DEFAULT_HANDOFF_CONFIG): HandoffHarness {
  const real = createInProcessJobQueue({ onFailed: () => undefined });
  const added: AddedJob[] = [];
  const jobs: JobQueue = {
    ...real,
    driver: real.driver,
    add: async (name, data, options) => {
      added.push({ name, data, options });
      await real.add(name, data, options);
    },
  };
  const live = createInProcessEvents();
  const events: LiveEvent[] = [];
  live.subscribe((e) => events.push(e));
  let now: Date | undefined;
  const clock = () => now ?? new Date();
  const catalog = seedCatalog();
  const deps = createHandoffDeps({ db: database.db, jobs, events: live, catalog: () => catalog, redact: redactPii, config, now: clock });
  const sender = new RecordingSender('web');
  const pipeline = createPipeline({
    database,
    jobs,
    events: live,
    triage: () => tableTriage(),
    redact: redactPii,
    handoff: createHandoffPort(deps),
    now: clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  pipeline.registerWorkers(new Map([['web', sender]]), { inbound: { attempts: 2, backoffMs: 10 }, outbound: { attempts: 2, backoffMs: 10 } });
  const users = new UserRepository(database.db);
  return {
    database,
    jobs,
    added,
    events,
    sender,
    pipeline,
    deps,
    service: new TicketService(deps),
    setNow: (date) => {
      now = date;
    },
    async agent(roles = ['agent']) {
      userCounter += 1;
      const user = await users.create({
        email: `agent${userCounter}-${process.pid}-${Date.now()}@test.local`,
        passwordHash: 'not-a-login',
        roles,
        displayName: `Agent ${userCounter}`,
      });
      return { id: user!.id, roles };
    },
    close: () => jobs.close(),
  };
}
