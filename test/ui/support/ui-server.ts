// The real Sotong server for the browser tests: PGlite in a temp folder, migrations, the model
// registry (seed catalog, first-start training), the pipeline with the handoff queue, the agent
// API, the trainer API, the dashboard and surge routes and the built UI bundles, served by buildApp on an
// ephemeral port. The catalog is the trainer tests' cut-down copy and the classifier trains with
// their few-epoch recipe, so the first-start model and each studio training take seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY } from '../../../bot/policy';
import type { Handoff } from '../../../handoff/create-handoff';
import { dashboardRoutes } from '../../../handoff/dashboard-routes';
import { redactPii } from '../../../bot/pii';
import { createInProcessEvents } from '../../../events/in-process-events';
import { createInProcessJobQueue } from '../../../jobs/in-process-driver';
import { createSurge } from '../../../surge/create-surge';
import { smallCatalog } from '../../training/fixtures';
import type { AgentApi } from '../../../server/agent-api';
import type { MessagePipeline } from '../../../pipeline/types';
import { createDatabase, type Database } from '../../../store/database';
import { migrateToLatest } from '../../../store/migrate';
import type { ModelRegistry } from '../../../training/model-registry';
import type { Trainer } from '../../../training/trainer-api';
import { startTrainerApp } from '../../training/trainer-app';
import { buildUiOnce } from './build';
import { launchBrowser, type Browser } from './browser';

export const UI_PASSWORD = 'ui test password 1234';

export interface UiServer {
  readonly url: string;
  readonly database: Database;
  readonly registry: ModelRegistry;
  readonly handoff: Handoff;
  readonly pipeline: MessagePipeline;
  readonly api: AgentApi;
  readonly trainer: Trainer;
  user(roles: string[], name: string): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

export async function startUiServer(): Promise<UiServer> {
  await buildUiOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-ui-db-'));
  const database = await createDatabase({ dataDir });
  await migrateToLatest(database);
  // The trainer tests' app (small catalog, fast training) with the default policy, plus the
  // dashboard and the surge routes every staff page reads (a missing one would toast a 404).
  const catalog = smallCatalog();
  const surgeJobs = createInProcessJobQueue({ onFailed: () => undefined });
  const surgeEvents = createInProcessEvents();
  const surge = createSurge({ database, jobs: surgeJobs, events: surgeEvents, catalog: () => catalog });
  const app = await startTrainerApp(database, {
    policy: DEFAULT_POLICY,
    routes: (api) => [
      { path: '/api/v1', router: dashboardRoutes({ db: database.db, guard: api.guard }) },
      { path: '/api/v1', router: surge.routes(api.guard, redactPii) },
    ],
  });
  return {
    url: app.url,
    database,
    registry: app.registry,
    handoff: app.handoff,
    pipeline: app.pipeline,
    api: app.api,
    trainer: app.trainer,
    user: (roles, name) => app.createUser(`${name}-${process.pid}-${Date.now()}@ui.test`, roles, UI_PASSWORD, name),
    async close() {
      await app.close();
      await surgeJobs.close();
      await surgeEvents.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The UI server and a headless browser for the enclosing describe block: started before its
 * tests, closed after them. Read them from the returned object inside tests.
 */
export function useServerAndBrowser(): { server: UiServer; browser: Browser } {
  const session = {} as { server: UiServer; browser: Browser };
  beforeAll(async () => {
    session.server = await startUiServer();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
