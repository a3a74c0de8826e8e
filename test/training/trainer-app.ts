// The system under test for the trainer suites, built through compose (test/support/composed-server)
// with the model trained the production way but smaller: the registry seeds a cut-down catalog and
// trains its first model with a few-epoch recipe, and the trainer evaluates on fewer folds.
import { hashPassword } from '../../accounts/password';
import { UserRepository } from '../../accounts/user-repository';
import type { Catalog } from '../../bot/intent-schema';
import { DEFAULT_POLICY, type PolicyConfig } from '../../bot/policy';
import type { Handoff } from '../../handoff/create-handoff';
import type { Pipeline } from '../../pipeline/create-pipeline';
import type { Database } from '../../store/database';
import type { ModelRegistry } from '../../training/model-registry';
import { PASSWORD, signIn, type Session } from '../auth/agent-app';
import { CHEAP_PASSWORD_COST, startComposedServer } from '../support/composed-server';
import { FAST_TRAIN, smallCatalog, TEST_FOLDS } from './fixtures';

export interface TrainerApp {
  readonly url: string;
  readonly database: Database;
  readonly registry: ModelRegistry;
  readonly handoff: Handoff;
  readonly pipeline: Pipeline;
  /** Creates a user with these roles and password (cheap hash). */
  createUser(email: string, roles: string[], password: string, displayName?: string): Promise<{ id: string; email: string }>;
  /** Signs in a new user with these roles. */
  session(roles: string[]): Promise<Session>;
  close(): Promise<void>;
}

let counter = 0;

// Clarify off: a message the model is unsure of always opens a ticket, whichever two intents
// this small model happens to rank close, so the relabel story does not hang on a coin toss.
export const NO_CLARIFY: PolicyConfig = { ...DEFAULT_POLICY, clarifyMinCombined: Number.POSITIVE_INFINITY };

export interface TrainerAppOptions {
  readonly catalog?: Catalog;
  readonly policy?: PolicyConfig;
  /** Configuration variables beyond the test defaults (SOTONG_DATA_DIR for a folder of its own…). */
  readonly env?: Record<string, string>;
}

export async function startTrainerApp(kind: Database['kind'], options: TrainerAppOptions = {}): Promise<TrainerApp> {
  const server = await startComposedServer(kind, {
    env: options.env,
    overrides: { model: { seed: options.catalog ?? smallCatalog(), train: FAST_TRAIN, folds: TEST_FOLDS, policy: options.policy ?? NO_CLARIFY } },
  });
  const { database, registry, handoff, pipeline } = server.composed;
  const users = new UserRepository(database.db);
  const createUser = async (email: string, roles: string[], password: string, displayName = email) => {
    const created = await users.create({ email, passwordHash: await hashPassword(password, CHEAP_PASSWORD_COST), roles, displayName });
    return { id: created!.id, email };
  };
  return {
    url: server.url,
    database,
    registry,
    handoff,
    pipeline,
    createUser,
    async session(roles) {
      counter += 1;
      const email = `${roles.join('-')}${counter}-${process.pid}-${Date.now()}@trainer.test`;
      await createUser(email, roles, PASSWORD);
      return signIn(server.url, email);
    },
    close: () => server.close(),
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
