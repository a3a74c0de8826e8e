// The system under test for the pipeline and handoff suites, built by compose like production's:
// a fresh database and job queue per harness, the table triage as the model, a recording web
// sender, and probes on the job queue (what was added; workers held back until startWorkers()).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core/logger';
import type { LiveEvent } from '../../events/types';
import type { HandoffConfig } from '../../handoff/config';
import type { HandoffDeps } from '../../handoff/deps';
import type { TicketService } from '../../handoff/ticket-service';
import type { JobQueue } from '../../jobs/types';
import type { Pipeline } from '../../pipeline/create-pipeline';
import { compose, type Composed, type Overrides } from '../../server/compose';
import type { Config, JobTimings } from '../../server/config';
import { createDatabase, type Database } from '../../store/database';
import { migrateToLatest } from '../../store/migrate';
import { UserRepository } from '../../accounts/user-repository';
import { describeEachDatabaseKind, describeEachJobDriver, dropSchemaOf, FAST_STALL, jobQueueEnv } from './backends';
import { CHEAP_PASSWORD_COST, STARTUP_TIMEOUT_MS, testConfig } from './composed-server';
import { holdWorkers, recordAdds, type AddedJob } from './job-probes';
import { RecordingSender, tableTriage, type TriageCall } from './pipeline-fixtures';
import { seedCatalog } from './seed-catalog';

export interface SystemHarness {
  readonly config: Config;
  readonly composed: Composed;
  readonly database: Database;
  /** The queue the parts use: add() is recorded in `added`. */
  readonly jobs: JobQueue;
  readonly pipeline: Pipeline;
  readonly deps: HandoffDeps;
  readonly service: TicketService;
  readonly sender: RecordingSender;
  readonly events: LiveEvent[];
  readonly triageCalls: TriageCall[];
  readonly added: AddedJob[];
  /** Starts the workers held back so far (a no-op when they run from the start). */
  startWorkers(): void;
  /** Moves the clock of the pipeline, the handoff and surges. */
  setNow(date: Date): void;
  /** An enabled user with these roles; returns the actor. */
  agent(roles?: string[]): Promise<{ id: string; roles: string[] }>;
  close(): Promise<void>;
}

/** Fast retries, a short send lease and quick takeover of a dead worker's jobs. */
export const FAST_JOBS: JobTimings = {
  inbound: { attempts: 3, backoffMs: 20 },
  outbound: { attempts: 3, backoffMs: 20 },
  sendLeaseMs: 1000,
  ...FAST_STALL,
};

export interface HarnessOptions {
  readonly kind: Database['kind'];
  readonly driver: JobQueue['driver'];
  /** 'held' (default): no worker runs until startWorkers(). */
  readonly workers?: 'held' | 'running';
  /** Configuration variables beyond the test defaults (SWEEP_INTERVAL_SECONDS…). */
  readonly env?: Record<string, string>;
  readonly handoff?: HandoffConfig;
  readonly checkpoint?: Overrides['checkpoint'];
}

let userCounter = 0;

let template: Promise<string> | undefined;
// One template per test file (jest gives each file its own modules), removed once the file is done.
afterAll(async () => {
  if (template) rmSync(await template, { recursive: true, force: true });
  template = undefined;
});

/**
 * A fresh PGlite folder: a copy of one migrated once per test file. Opening a copy takes a
 * fraction of creating a database, which every harness would otherwise pay.
 */
async function freshPgliteFolder(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sotong-template-'));
    const database = await createDatabase({ dataDir: dir });
    await migrateToLatest(database);
    await database.close();
    return dir;
  })();
  const copy = mkdtempSync(join(tmpdir(), 'sotong-harness-'));
  cpSync(await template, copy, { recursive: true });
  return copy;
}

export async function composeHarness(options: HarnessOptions): Promise<SystemHarness> {
  const folder = options.kind === 'pglite' ? await freshPgliteFolder() : undefined;
  const env = testConfig(options.kind, { ...(folder && { SOTONG_DATA_DIR: folder }), ...jobQueueEnv(options.driver), ...options.env });
  const config: Config = { ...env, jobTimings: FAST_JOBS, ...(options.handoff && { handoff: options.handoff }) };
  const triageCalls: TriageCall[] = [];
  const added: AddedJob[] = [];
  const sender = new RecordingSender('web');
  const catalog = seedCatalog();
  let now: Date | undefined;
  let release = () => undefined as void;
  const composed = await compose(config, {
    role: 'all',
    logger: silentLogger,
    print: () => undefined,
    overrides: {
      passwordCost: CHEAP_PASSWORD_COST,
      model: { triage: () => tableTriage(triageCalls), catalog: () => catalog },
      senders: new Map([['web', sender]]),
      clock: () => now ?? new Date(),
      ...(options.checkpoint && { checkpoint: options.checkpoint }),
      wrap: {
        jobs: (queue) => {
          if (options.workers === 'running') return recordAdds(queue, added);
          const held = holdWorkers(recordAdds(queue, added));
          release = held.release;
          return held.jobs;
        },
      },
    },
  });
  const events: LiveEvent[] = [];
  composed.events.subscribe((event) => events.push(event));
  const users = new UserRepository(composed.database.db);
  return {
    config,
    composed,
    database: composed.database,
    jobs: composed.jobs,
    pipeline: composed.pipeline,
    deps: composed.handoff.deps,
    service: composed.handoff.service,
    sender,
    events,
    triageCalls,
    added,
    startWorkers: () => release(),
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
    async close() {
      await composed.close();
      await dropSchemaOf(composed.database);
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Runs `body` on every database × job driver pair; `current()` is a fresh harness per test, workers held. */
export function describeEachEngine(title: string, body: (current: () => SystemHarness) => void): void {
  describeEachDatabaseKind(title, (kind) => {
    describeEachJobDriver('with jobs', ({ driver }) => {
      let harness: SystemHarness | undefined;
      beforeEach(async () => {
        harness = await composeHarness({ kind, driver });
      }, STARTUP_TIMEOUT_MS);
      afterEach(async () => {
        await harness?.close();
        harness = undefined;
      });
      body(() => harness!);
    });
  });
}
