// The real app with the agent API and the trainer routes mounted, over a database under test:
// the catalog is seeded from a small catalog, the registry trains and publishes the first model,
// and the pipeline and handoff answer from the registry's live model (as server/compose does).
import { redactPii } from '../../bot/pii';
import { createEventStreams } from '../../events/event-streams';
import { createWebSender } from '../../channels/web/send';
import { createAccessTokens } from '../../channels/web/verify';
import { createInProcessEvents } from '../../events/in-process-events';
import { createHandoff, type Handoff } from '../../handoff/create-handoff';
import type { Catalog } from '../../bot/intent-schema';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import { createPipeline } from '../../pipeline/create-pipeline';
import type { MessagePipeline } from '../../pipeline/types';
import { buildApp, type RouteModule } from '../../server/app';
import { DEFAULT_SCRYPT, hashPassword } from '../../accounts/password';
import { silentLogger } from '../../core/logger';
import { createMetrics } from '../../server/metrics';
import { trainerPaths } from '../../server/openapi/trainer-paths';
import { createAgentApi, type AgentApi } from '../../server/agent-api';
import { trainerRouteModules } from '../../training/routes';
import type { Database } from '../../store/database';
import { seedCatalogIfEmpty } from '../../training/catalog-repository';
import { createModelRegistry, type ModelRegistry } from '../../training/model-registry';
import { DEFAULT_POLICY, type PolicyConfig } from '../../bot/policy';
import { createTrainer, type Trainer } from '../../training/trainer-api';
import { connectLiveCatalog } from '../../training/live-catalog';
import { PASSWORD, signIn, type Session } from '../auth/agent-app';
import { listen } from '../server/support/http';
import { FAST_TRAIN, smallCatalog, TEST_FOLDS } from './fixtures';

export interface TrainerApp {
  readonly url: string;
  readonly database: Database;
  readonly registry: ModelRegistry;
  readonly trainer: Trainer;
  readonly api: AgentApi;
  readonly handoff: Handoff;
  readonly pipeline: MessagePipeline;
  /** Creates a user with these roles and password (cheap hash). */
  createUser(email: string, roles: string[], password: string, displayName?: string): Promise<{ id: string; email: string }>;
  /** Signs in a new user with these roles. */
  session(roles: string[]): Promise<Session>;
  close(): Promise<void>;
}

let counter = 0;

// Clarify off: a message the model is unsure of always opens a ticket, whichever two intents
// this small model happens to rank close, so the relabel story does not hang on a coin toss.
const NO_CLARIFY: PolicyConfig = { ...DEFAULT_POLICY, clarifyMinCombined: Number.POSITIVE_INFINITY };

export interface TrainerAppOptions {
  readonly catalog?: Catalog;
  readonly policy?: PolicyConfig;
  /** More route modules to mount beside the agent and trainer APIs. */
  readonly routes?: (api: AgentApi) => readonly RouteModule[];
}

export async function startTrainerApp(database: Database, options: TrainerAppOptions = {}): Promise<TrainerApp> {
  await seedCatalogIfEmpty(database.db, options.catalog ?? smallCatalog());
  const registry = createModelRegistry({ database, train: FAST_TRAIN, policy: options.policy ?? NO_CLARIFY });
  await registry.ensureModel();

  const events = createInProcessEvents();
  const jobs = createInProcessJobQueue({ onFailed: () => undefined });
  const streams = createEventStreams({ heartbeatMs: 60_000 });
  const handoff = createHandoff({ db: database.db, jobs, events, catalog: () => registry.catalog(), redact: redactPii });
  const pipeline = createPipeline({ database, jobs, events, triage: () => registry.triage(), redact: redactPii, handoff: handoff.port, logger: silentLogger });
  pipeline.registerWorkers(new Map([['web', createWebSender()]]), { inbound: { attempts: 2, backoffMs: 10 }, outbound: { attempts: 2, backoffMs: 10 } });
  // A cheap scrypt cost: these tests are about training, not the hash's strength.
  const hash = (password: string) => hashPassword(password, { N: 1024, r: 8, p: 1 } as unknown as typeof DEFAULT_SCRYPT);
  const api = createAgentApi({ db: database.db, handoff, events, streams, hash, openApiGroups: [trainerPaths] });
  const liveCatalog = connectLiveCatalog(registry, events);
  const trainer = createTrainer({ db: database.db, registry, train: FAST_TRAIN, folds: TEST_FOLDS, onCatalogChanged: liveCatalog.changed });
  const app = buildApp({
    logger: silentLogger,
    metrics: createMetrics(),
    health: { database, jobs },
    pipeline,
    events,
    tokens: createAccessTokens('trainer-app-secret-trainer-app-secret'),
    streams,
    routes: [...api.routes, ...trainerRouteModules({ trainer, guard: api.guard }), ...(options.routes?.(api) ?? [])],
  });
  const createUser = async (email: string, roles: string[], password: string, displayName = email) => {
    const created = await api.users.create({ email, passwordHash: await hash(password), roles, displayName });
    return { id: created!.id, email };
  };
  const running = await listen(app);
  // Training holds the event loop for whole seconds on a busy test machine; past Node's 5 s
  // keep-alive timeout the server would drop the poller's idle socket just as it is reused.
  running.server.keepAliveTimeout = 120_000;
  return {
    url: running.url,
    database,
    registry,
    trainer,
    api,
    handoff,
    pipeline,
    createUser,
    async session(roles) {
      counter += 1;
      const email = `${roles.join('-')}${counter}-${process.pid}-${Date.now()}@trainer.test`;
      await createUser(email, roles, PASSWORD);
      return signIn(running.url, email);
    },
    async close() {
      liveCatalog.stop();
      await trainer.jobs.idle();
      streams.closeAll();
      await running.close();
      await jobs.close();
      await events.close();
    },
  };
}

/** Starts a training run over HTTP and polls its progress until it finishes; returns the job and the percents seen. */
export async function trainOverHttp(session: Session): Promise<{ job: any; seen: number[] }> {
  const started = await session.browser('POST', '/api/v1/models/train', {});
  if (started.status !== 202) throw new Error(`train answered ${started.status} ${JSON.stringify(started.body)}`);
  const seen: number[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await session.browser('GET', `/api/v1/models/training/${started.body.jobId}`);
    seen.push(body.job.percent);
    if (body.job.status === 'succeeded' || body.job.status === 'failed') return { job: body.job, seen };
    if (Date.now() > deadline) throw new Error(`training job ${started.body.jobId} did not finish`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
