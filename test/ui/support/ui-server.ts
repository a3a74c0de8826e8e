// The real Sotong server for the browser tests: PGlite in a temp folder, migrations, the model
// registry (seed catalog, first-start training), the pipeline with the handoff queue, the agent
// API, the trainer API, the dashboard route and the built UI bundles, served by buildApp on an
// ephemeral port. The catalog is the trainer tests' cut-down copy and the classifier trains with
// their few-epoch recipe, so the first-start model and each studio training take seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactPii } from '../../../bot/pii';
import { createEventStreams } from '../../../channels/web/event-stream';
import { createWebSender } from '../../../channels/web/send';
import { createAccessTokens } from '../../../channels/web/verify';
import { createInProcessEvents } from '../../../events/in-process-events';
import { createHandoff, type Handoff } from '../../../handoff/create-handoff';
import { createInProcessJobQueue } from '../../../jobs/in-process-driver';
import { createPipeline } from '../../../pipeline/create-pipeline';
import { buildApp, type RouteModule } from '../../../server/app';
import { DEFAULT_SCRYPT, hashPassword } from '../../../server/auth/password';
import { silentLogger } from '../../../server/logger';
import { createMetrics } from '../../../server/metrics';
import { createAgentApi, type AgentApi } from '../../../server/routes/agent-api';
import { dashboardRoutes } from '../../../server/routes/dashboard-routes';
import { createDatabase, type Database } from '../../../store/database';
import { migrateToLatest } from '../../../store/migrate';
import { seedCatalogIfEmpty } from '../../../training/catalog-repository';
import { createModelRegistry, type ModelRegistry } from '../../../training/model-registry';
import { createTrainer, type Trainer } from '../../../training/trainer-api';
import { trainerPaths } from '../../../server/openapi/trainer-paths';
import { trainerRouteModules } from '../../../server/routes/trainer-routes';
import { listen } from '../../server/support/http';
import { buildUiOnce } from './build';
import { FAST_TRAIN, smallCatalog, TEST_FOLDS } from '../../training/fixtures';

export const UI_PASSWORD = 'ui test password 1234';

export interface UiServer {
  readonly url: string;
  readonly database: Database;
  readonly registry: ModelRegistry;
  readonly handoff: Handoff;
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
  await seedCatalogIfEmpty(database.db, smallCatalog());
  const registry = createModelRegistry({ database, train: FAST_TRAIN });
  await registry.ensureModel();

  const events = createInProcessEvents();
  const jobs = createInProcessJobQueue({ onFailed: () => undefined });
  const streams = createEventStreams({ heartbeatMs: 60_000 });
  const handoff = createHandoff({ db: database.db, jobs, events, catalog: () => registry.catalog(), redact: redactPii });
  const pipeline = createPipeline({ database, jobs, events, triage: () => registry.triage(), redact: redactPii, handoff: handoff.port, logger: silentLogger });
  pipeline.registerWorkers(new Map([['web', createWebSender()]]), { inbound: { attempts: 2, backoffMs: 10 }, outbound: { attempts: 2, backoffMs: 10 } });
  handoff.registerSlaWorker(jobs, { concurrency: 1, attempts: 2, backoffMs: 10 });
  // A cheap scrypt cost: these tests are about the UI, not the hash's strength.
  const hash = (password: string) => hashPassword(password, { N: 1024, r: 8, p: 1 } as unknown as typeof DEFAULT_SCRYPT);
  const trainer = createTrainer({ db: database.db, registry, train: FAST_TRAIN, folds: TEST_FOLDS });
  const api = createAgentApi({ db: database.db, handoff, events, streams, hash, openApiGroups: [trainerPaths] });
  const routes: RouteModule[] = [
    ...api.routes,
    { path: '/api/v1', router: dashboardRoutes({ db: database.db, guard: api.guard }) },
    ...trainerRouteModules({ trainer, guard: api.guard }),
  ];
  const app = buildApp({
    logger: silentLogger,
    metrics: createMetrics(),
    health: { database, jobs },
    pipeline,
    events,
    tokens: createAccessTokens('ui-test-secret-ui-test-secret-ui-test!'),
    streams,
    routes,
  });
  const running = await listen(app);

  return {
    url: running.url,
    database,
    registry,
    handoff,
    api,
    trainer,
    async user(roles, name) {
      const email = `${name}-${process.pid}-${Date.now()}@ui.test`;
      const created = await api.users.create({ email, passwordHash: await hash(UI_PASSWORD), roles, displayName: name });
      return { id: created!.id, email };
    },
    async close() {
      await trainer.jobs.idle();
      streams.closeAll();
      await running.close();
      await jobs.close();
      await events.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
