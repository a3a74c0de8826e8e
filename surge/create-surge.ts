// One call that builds the surge side for the composition root: the pipeline's port (pinned
// answers, wait estimate), the service behind the routes, and the detection job.
import type { Redaction } from '../bot/types';
import type { LiveEvents } from '../events/types';
import type { Catalog } from '../bot/intent-schema';
import type { JobQueue } from '../jobs/types';
import type { Database } from '../store/database';
import type { AuthGuard } from '../accounts/guard';
import type { Router } from 'express';
import { DEFAULT_SURGE_CONFIG, type SurgeConfig } from './config';
import { createPinnedAnswers, type PinnedAnswers } from './pinned-answers';
import { surgeRoutes } from './routes';
import { SurgeRepository } from './surge-repository';
import { SurgeService } from './surge-service';
import { liveStopShingles } from './stop-shingles';

export interface SurgeInput {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly events: LiveEvents;
  readonly catalog: () => Pick<Catalog, 'intents' | 'byId'>;
  readonly config?: SurgeConfig;
  /** Injectable clock (tests move time without waiting). */
  readonly now?: () => Date;
}

export interface Surge {
  readonly port: PinnedAnswers;
  readonly service: SurgeService;
  readonly repository: SurgeRepository;
  readonly config: SurgeConfig;
  routes(guard: AuthGuard, redact: (text: string) => Redaction): Router;
  /**
   * Consumes `surge` jobs here and keeps their repeatable schedule (worker processes). Returns a
   * function that stops this process re-creating the schedule (call on shutdown).
   */
  startDetection(): () => void;
}

export function createSurge(input: SurgeInput): Surge {
  const config = input.config ?? DEFAULT_SURGE_CONFIG;
  const now = input.now ?? (() => new Date());
  const repository = new SurgeRepository(input.database.db);
  const stop = liveStopShingles(input.catalog);
  const port = createPinnedAnswers({ repository, config, stop });
  const service = new SurgeService({
    repository,
    events: input.events,
    jobs: input.jobs,
    config,
    stop,
    pinned: port,
    intentName: (id) => input.catalog().byId.get(id)?.name.ko,
    now,
  });
  return {
    port,
    service,
    repository,
    config,
    routes: (guard, redact) => surgeRoutes({ service, guard, redact }),
    startDetection() {
      // A repeatable job (jobs/types.ts every()): one run per tick across all workers, set up
      // again each tick, so a wiped queue does not end detection; concurrency 1 keeps runs in order.
      input.jobs.process('surge', async () => void (await service.tick()), { concurrency: 1, attempts: 1 });
      return input.jobs.every('surge', config.tickMs);
    },
  };
}
