// The composition root: builds every part by hand, in order — database → migrations → jobs →
// live events → model registry → pipeline → channel senders → app — and knows how to take them
// down again in reverse. No globals, no container: each part gets what it needs as arguments.
import type { Express } from 'express';
import { redactPii } from '../bot/pii';
import { createEventStreams, type EventStreams } from '../events/event-streams';
import { createLimitStore } from '../limits/create-limit-store';
import { createAccessTokens } from '../channels/web/verify';
import { connectInBackground } from '../events/background-events';
import { createLiveEvents, type LiveEventsConfig } from '../events/create-live-events';
import type { LiveEvents } from '../events/types';
import { createHandoff, type Handoff } from '../handoff/create-handoff';
import { createSurge } from '../surge/create-surge';
import { createJobQueue } from '../jobs/create-job-queue';
import type { JobQueue } from '../jobs/types';
import { createPipeline, type Pipeline } from '../pipeline/create-pipeline';
import type { PipelineDeps } from '../pipeline/deps';
import { createDatabase, type Database } from '../store/database';
import { migrateToLatest } from '../store/migrate';
import { createModelRegistry, type ModelRegistry } from '../training/model-registry';
import { UserRepository } from '../accounts/user-repository';
import { createAgentApi } from './agent-api';
import { dashboardRoutes } from '../handoff/dashboard-routes';
import { trainerRouteModules } from '../training/routes';
import { surgePaths } from './openapi/surge-paths';
import { trainerPaths } from './openapi/trainer-paths';
import { createTrainer } from '../training/trainer-api';
import { connectLiveCatalog } from '../training/live-catalog';
import { startLinkChecks } from '../freshness/link-check-job';
import { retryInBackground } from './retry-in-background';
import { createLinkChecker, LINK_CHECK_USER_AGENT } from '../freshness/link-checker';
import { collectHandoffMetrics } from './handoff-prometheus';
import { collectSurgeMetrics } from './surge-prometheus';
import { buildApp, type RouteModule } from './app';
import { bootstrapAdmin } from '../accounts/bootstrap-admin';
import { channelRouters, channelSenders, xClient } from './channel-wiring';
import { databaseCursorStore, startMentionPolling } from '../channels/x/polling';
import { ConfigError, type Config } from './config';
import { collectDeadLetters } from './dead-letter-metrics';
import { collectQueueDepth, instrumentPipeline, instrumentTriage } from './instrument';
import type { Logger } from '../core/logger';
import type { Catalog } from '../bot/intent-schema';
import { CHANNEL_IDS, type ChannelId, type ChannelSender } from '../pipeline/channel';
import type { TriageFn } from '../pipeline/types';
import type { PolicyConfig } from '../bot/policy';
import type { RecipeOptions } from '../training/evaluation';
import { hashPassword, type ScryptParams } from '../accounts/password';
import { createMetrics } from './metrics';
import { countInFlight, createLoadGauge, shedWhenOverloaded } from './load-shedding';
import { resolveServerSecret } from './server-secret';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** How this process runs: its role and where it writes. Policy is in Config; stand-ins in overrides. */
export interface ComposeOptions {
  readonly role: Role;
  readonly logger: Logger;
  /** Console output meant for a person (the generated admin password), not the log. */
  readonly print: (text: string) => void;
  /** Stand-ins for the outside world (tests and benches); production sets none. */
  readonly overrides?: Overrides;
  /**
   * Called once if the embedded database's worker thread dies: every query fails from then on, so
   * the process should stop (`sotong serve` exits non-zero for its supervisor to restart it).
   */
  readonly onDatabaseLost?: (error: Error) => void;
}

/** What compose takes from outside the system: everything else it builds itself. */
export interface Overrides {
  /** Senders by channel, each in place of the one the config builds (fakes speaking the platforms' wire format). */
  readonly senders?: ReadonlyMap<ChannelId, ChannelSender>;
  /** The clock of the parts that read one (surge windows, SLA deadlines, reopen windows); tests move it by hand. */
  readonly clock?: () => Date;
  /** scrypt cost of new password hashes; tests use a cheap one. */
  readonly passwordCost?: ScryptParams;
  /**
   * The model. A ModelSource answers with its triage and catalog in place of the registry's (which
   * seeds the full catalog and trains it at first start, ~40 s under load); the registry is still
   * built for the trainer API, but nothing is trained. A ModelRecipe keeps the registry and the
   * trainer but has them train on a smaller seed catalog with a cheaper recipe.
   */
  readonly model?: ModelSource | ModelRecipe;
  /** The pipeline's hook between its durable steps (pipeline/deps.ts); tests pause, fail or crash there. */
  readonly checkpoint?: PipelineDeps['checkpoint'];
  /**
   * Test and bench probes on the two stores every part shares: each gets the one compose opened
   * and returns what the parts use instead (a queue that records what is added, or holds its
   * workers back as if their process were down; a database that counts statements).
   */
  readonly wrap?: { readonly database?: (database: Database) => Database; readonly jobs?: (jobs: JobQueue) => JobQueue };
}

/** A smaller model trained the production way: the seed catalog, the classifier recipe and the policy. */
export interface ModelRecipe {
  /** Seeded into an empty catalog in place of intents/catalog. */
  readonly seed: Catalog;
  /** Classifier options of the first-start model and of every trainer run. */
  readonly train: RecipeOptions;
  /** Cross-validation folds of the trainer's evaluation. */
  readonly folds: number;
  /** How triage turns the model's scores into actions (bot/policy.ts defaults when unset). */
  readonly policy?: PolicyConfig;
}

const isModelSource = (model: ModelSource | ModelRecipe | undefined): model is ModelSource => model !== undefined && 'triage' in model;

/** Where triage and its catalog come from; the model registry is one. */
export interface ModelSource {
  triage(): TriageFn;
  catalog(): Catalog;
}

export interface Composed {
  /** Present for the 'all' and 'api' roles. */
  readonly app?: Express;
  /** The API route modules the app mounts (for the check that the OpenAPI document describes them all). */
  readonly routes?: readonly RouteModule[];
  readonly streams?: EventStreams;
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly events: LiveEvents;
  readonly pipeline: Pipeline;
  readonly handoff: Handoff;
  readonly registry: ModelRegistry;
  /** Stops workers and closes connections, in reverse order of construction. */
  close(): Promise<void>;
}

/** Split roles share work through PostgreSQL and Redis; without them there is nothing to share. */
export function checkRole(role: Role, config: Config): void {
  if (role === 'all') return;
  const missing = [!config.databaseUrl && 'DATABASE_URL', !config.redisUrl && 'REDIS_URL'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigError(
      `--role ${role} runs the ${role === 'api' ? 'HTTP API' : 'job workers'} alone, so the other half must reach the same ` +
        `database and queue: set ${missing.join(' and ')} (or use --role all on a single machine).`,
    );
  }
}

/**
 * Live events over Redis when configured. When Redis does not answer at start the process still
 * starts (not ready: /readyz fails its job-queue check) and connects in the background.
 */
async function openLiveEvents(config: Config, logger: Logger): Promise<LiveEvents> {
  const options: LiveEventsConfig = {
    redisUrl: config.redisUrl,
    channel: `${config.redisPrefix}:live-events`,
    onListenerError: (error, event) => logger.error('live event listener failed', { error, type: event.type }),
    onBadMessage: (reason) => logger.warn('ignored a malformed live event', { reason }),
    onConnectionError: (error) => logger.warn('live events: Redis connection error', { error }),
  };
  try {
    return await createLiveEvents(options);
  } catch (error) {
    if (!config.redisUrl) throw error;
    logger.warn('Redis is not reachable; starting anyway and connecting in the background', { error: String(error) });
    return connectInBackground(() => createLiveEvents(options), {
      retryMs: 2000,
      onListenerError: options.onListenerError,
      onConnected: () => logger.info('live events: connected to Redis'),
    });
  }
}

export async function compose(config: Config, options: ComposeOptions): Promise<Composed> {
  checkRole(options.role, config);
  const { role, logger } = options;
  const overrides = options.overrides ?? {};
  const hash = overrides.passwordCost ? (password: string) => hashPassword(password, overrides.passwordCost) : undefined;
  const serveApi = role !== 'worker';
  const runWorkers = role !== 'api';
  // Undo stack: whatever was built is closed again if a later step fails.
  const closers: Array<() => Promise<void>> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        logger.error('error while shutting down', { error });
      }
    }
  };

  try {
    const opened = await createDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      schema: config.databaseSchema,
      onConnectionError: (error) => logger.warn('database connection dropped; the pool reconnects on next use', { error }),
      onLost: (error) => {
        logger.error('the embedded database stopped; nothing more can be stored', { error });
        options.onDatabaseLost?.(error);
      },
    });
    closers.push(() => opened.close());
    const database = overrides.wrap?.database?.(opened) ?? opened;
    logger.info('database open', { kind: database.kind });
    const applied = await migrateToLatest(database);
    if (applied.length > 0) logger.info('migrations applied', { migrations: applied });

    // Every job failure and driver error goes through the redacting logger: an error message can
    // quote the citizen text a job was working on.
    const jobLog = logger.child({ component: 'jobs' });
    const { lockDurationMs, stalledIntervalMs, inlineDelivery, ...workerTimings } = config.jobTimings ?? {};
    const queue = createJobQueue({
      redisUrl: config.redisUrl,
      prefix: config.redisPrefix,
      ...(lockDurationMs !== undefined && { lockDurationMs }),
      ...(stalledIntervalMs !== undefined && { stalledIntervalMs }),
      // The send lanes, so the queue depth counts them in api processes too.
      lanes: { outbound: CHANNEL_IDS },
      onFailed: (job, error) => jobLog.error('job failed for good', { job, error }),
      onError: (message, error) => jobLog.error(message, { error }),
    });
    closers.push(() => queue.close());
    const jobs = overrides.wrap?.jobs?.(queue) ?? queue;
    const events = await openLiveEvents(config, logger);
    closers.push(() => events.close());

    const fixedModel = isModelSource(overrides.model) ? overrides.model : undefined;
    const recipe = isModelSource(overrides.model) ? undefined : overrides.model;
    const registry = createModelRegistry({
      database,
      logger: logger.child({ component: 'model' }),
      ...(recipe && { seed: recipe.seed, train: recipe.train, policy: recipe.policy }),
    });
    if (!fixedModel) {
      await registry.ensureModel((progress) => logger.debug('training', { progress }));
      const stopWatching = registry.watch(config.modelReloadMs);
      closers.push(async () => stopWatching());
      logger.info('model ready', { version: registry.version() });
    }
    const model: ModelSource = fixedModel ?? registry;
    const liveCatalog = connectLiveCatalog(registry, events, (error) => logger.warn('catalog reload failed', { error }));
    closers.push(async () => liveCatalog.stop());

    // The agent queue: the pipeline's handoff port, the agent actions and the `sla` worker.
    const handoff = createHandoff({
      db: database.db,
      jobs,
      events,
      catalog: () => model.catalog(),
      redact: redactPii,
      config: config.handoff,
      logger: logger.child({ component: 'handoff' }),
      ...(overrides.clock && { now: overrides.clock }),
    });

    // Surges: pinned answers after triage (a pipeline port), the detection job, the supervisor API.
    const surge = createSurge({
      database,
      jobs,
      events,
      catalog: () => model.catalog(),
      config: config.surge,
      ...(overrides.clock && { now: overrides.clock }),
    });

    const metrics = createMetrics();
    const pipeline = instrumentPipeline(
      createPipeline({
        database,
        jobs,
        events,
        triage: () => instrumentTriage(model.triage(), metrics),
        redact: redactPii,
        handoff: handoff.port,
        feedback: handoff.feedback,
        surge: surge.port,
        logger: logger.child({ component: 'pipeline' }),
        ...(overrides.clock && { now: overrides.clock }),
        ...(overrides.checkpoint && { checkpoint: overrides.checkpoint }),
        ...(inlineDelivery && { inlineDelivery }),
      }),
      metrics,
    );

    if (runWorkers) {
      // Override senders replace the configured ones channel by channel; web chat stays real unless replaced.
      const senders = new Map([...channelSenders(config.channels), ...(overrides.senders ?? [])]);
      const stopSweeping = pipeline.registerWorkers(senders, { ...workerTimings, sweep: config.sweep });
      closers.push(async () => stopSweeping());
      handoff.registerSlaWorker(jobs);
      const stopSurgeSchedule = surge.startDetection();
      closers.push(async () => stopSurgeSchedule());
      const recovered = await pipeline.recover();
      // Delayed work the in-process driver held in timers: SLA checks of unanswered tickets.
      const slaRecovery = await retryInBackground(() => handoff.recoverSla(), {
        periodMs: config.sweep.everyMs,
        onError: (error) => logger.warn('SLA checks could not be queued yet; trying again', { error: String(error) }),
        onDone: (slaChecks) => logger.info('SLA checks queued', { slaChecks }),
      });
      closers.push(async () => slaRecovery.stop());
      logger.info('workers started', { driver: jobs.driver, recovered, slaChecks: slaRecovery.first ?? 'retrying' });
      if (config.linkCheck.intervalMs > 0) {
        const stopLinkChecks = startLinkChecks({
          database,
          jobs,
          checker: createLinkChecker({ timeoutMs: config.linkCheck.timeoutMs, userAgent: LINK_CHECK_USER_AGENT }),
          catalog: () => model.catalog(),
          intervalMs: config.linkCheck.intervalMs,
          onError: (error) => logger.warn('link check failed', { error }),
        });
        closers.push(async () => stopLinkChecks());
      }
      const x = config.channels.x;
      if (x && x.pollIntervalMs > 0) {
        const stopPolling = startMentionPolling({
          client: xClient(x),
          pipeline,
          cursors: databaseCursorStore(database),
          accountId: x.accountId,
          intervalMs: x.pollIntervalMs,
          logger: logger.child({ component: 'x-poller' }),
        });
        closers.push(stopPolling);
      }
    }

    if (!serveApi) return { database, jobs, events, pipeline, handoff, registry, close: closeAll };

    const { secret, source } = await resolveServerSecret(config.secret, config.dataDir);
    if (source !== 'env' && config.databaseUrl) {
      logger.warn('SOTONG_SECRET is not set: web-chat tokens from this API process will not verify on other API processes', {});
    }
    await bootstrapAdmin({
      accounts: new UserRepository(database.db),
      email: config.admin.email,
      password: config.admin.password,
      hash,
      logger,
      print: options.print,
    });

    collectQueueDepth(jobs, metrics);
    const load = createLoadGauge({
      jobs,
      maxInboundBacklog: config.shedInboundBacklog,
      onError: (error) => logger.warn('load shedding: cannot read the inbound backlog', { error }),
    });
    closers.push(async () => load.stop());
    // Rate limits and stream caps count in Redis when configured, so they hold across API processes.
    const limitLog = logger.child({ component: 'limits' });
    const limits = createLimitStore({
      redisUrl: config.redisUrl,
      prefix: `${config.redisPrefix}:limits:`,
      onConnectionError: (error) => limitLog.warn('Redis connection error', { error }),
    });
    closers.push(() => limits.close());
    const streams = createEventStreams({
      ...config.streamCaps,
      heartbeatMs: config.streamHeartbeatMs,
      store: limits,
      onStoreError: (error) => limitLog.warn('limit store unavailable; stream not counted', { error }),
    });
    closers.push(async () => streams.closeAll());
    const agentApi = createAgentApi({
      db: database.db,
      handoff,
      events,
      streams,
      loginLimit: config.loginLimit,
      hash,
      openApiGroups: [trainerPaths, surgePaths],
    });
    const trainer = createTrainer({
      db: database.db,
      registry,
      logger: logger.child({ component: 'trainer' }),
      onCatalogChanged: liveCatalog.changed,
      ...(recipe && { train: recipe.train, folds: recipe.folds }),
    });
    // Before the database closes: a running training's worker is stopped (the trainer starts it
    // again later), and a draft already being saved is saved.
    closers.push(() => trainer.jobs.close());
    collectHandoffMetrics(database.db, metrics);
    collectDeadLetters(database.db, metrics);
    collectSurgeMetrics(surge.repository, metrics);
    const tokens = createAccessTokens(secret);
    const routes: readonly RouteModule[] = [
      ...agentApi.routes,
      ...trainerRouteModules({ trainer, guard: agentApi.guard }),
      { path: '/api/v1', router: dashboardRoutes({ db: database.db, guard: agentApi.guard }) },
      { path: '/api/v1', router: surge.routes(agentApi.guard, redactPii) },
    ];
    const app = buildApp(
      {
        logger,
        metrics,
        health: { database, jobs },
        pipeline,
        events,
        tokens,
        feedback: handoff.feedback,
        streams,
        limits,
        webhooks: channelRouters(config.channels, pipeline, logger.child({ component: 'channels' }), limits),
        shedding: { countWebhook: countInFlight(load), shedWebChat: shedWhenOverloaded(load) },
        routes,
      },
      { webChatRateLimit: config.webChatRateLimit, trustProxy: config.trustProxy, metricsToken: config.metricsToken },
    );
    return { app, routes, streams, database, jobs, events, pipeline, handoff, registry, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
