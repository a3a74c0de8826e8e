// The real app (buildApp) with the real pipeline, handoff and console API over a database under
// test, listening on an ephemeral port; plus a tiny HTTP client that signs in like the console
// (cookies + CSRF header) or like an API client (bearer token).
import { redactPii } from '../../bot/pii';
import { createEventStreams } from '../../events/event-streams';
import { createWebSender } from '../../channels/web/send';
import { createAccessTokens } from '../../channels/web/verify';
import { createInProcessEvents } from '../../events/in-process-events';
import type { LiveEvents } from '../../events/types';
import type { HandoffConfig } from '../../handoff/config';
import { createHandoff, type Handoff } from '../../handoff/create-handoff';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import type { JobQueue } from '../../jobs/types';
import { createPipeline, type Pipeline } from '../../pipeline/create-pipeline';
import type { TriageFn } from '../../pipeline/types';
import { buildApp, type AppConfig } from '../../server/app';
import type { LoginLimitPolicy } from '../../accounts/login-limiter';
import { DEFAULT_SCRYPT, hashPassword } from '../../accounts/password';
import { silentLogger } from '../../core/logger';
import { createMetrics } from '../../server/metrics';
import { createAgentApi, type AgentApi } from '../../server/agent-api';
import type { Database } from '../../store/database';
import type { Catalog } from '../../bot/intent-schema';
import { listen } from '../server/support/http';

export const PASSWORD = 'correct horse battery';

export interface AgentAppOptions {
  readonly triage: () => TriageFn;
  readonly catalog: () => Catalog;
  readonly handoffConfig?: HandoffConfig;
  readonly loginLimit?: LoginLimitPolicy;
  readonly jobs?: JobQueue;
  readonly events?: LiveEvents;
  /** buildApp's config (trust proxy, web-chat limit…). */
  readonly appConfig?: AppConfig;
}

export interface AgentApp {
  readonly url: string;
  readonly database: Database;
  readonly handoff: Handoff;
  readonly pipeline: Pipeline;
  readonly api: AgentApi;
  readonly jobs: JobQueue;
  /** An enabled user with these roles and PASSWORD. */
  user(roles: string[], email?: string): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startAgentApp(database: Database, options: AgentAppOptions): Promise<AgentApp> {
  const events = options.events ?? createInProcessEvents();
  const jobs = options.jobs ?? createInProcessJobQueue({ onFailed: () => undefined });
  const streams = createEventStreams({ heartbeatMs: 60_000 });
  const handoff = createHandoff({ db: database.db, jobs, events, catalog: options.catalog, redact: redactPii, config: options.handoffConfig });
  const pipeline = createPipeline({ database, jobs, events, triage: options.triage, redact: redactPii, handoff: handoff.port, logger: silentLogger });
  pipeline.registerWorkers(new Map([['web', createWebSender()]]), { inbound: { attempts: 2, backoffMs: 10 }, outbound: { attempts: 2, backoffMs: 10 } });
  handoff.registerSlaWorker(jobs, { concurrency: 1, attempts: 2, backoffMs: 10 });
  // A cheap scrypt cost: these tests are about sessions and roles, not the hash's strength.
  // (hashPassword's parameter type is DEFAULT_SCRYPT's literal type, hence the cast.)
  const hash = (password: string) => hashPassword(password, { N: 1024, r: 8, p: 1 } as unknown as typeof DEFAULT_SCRYPT);
  const api = createAgentApi({ db: database.db, handoff, events, streams, loginLimit: options.loginLimit, hash });
  const app = buildApp({
    logger: silentLogger,
    metrics: createMetrics(),
    health: { database, jobs },
    pipeline,
    events,
    tokens: createAccessTokens('agent-app-secret-agent-app-secret-!!'),
    streams,
    routes: api.routes,
  }, options.appConfig);
  const running = await listen(app);
  return {
    url: running.url,
    database,
    handoff,
    pipeline,
    api,
    jobs,
    async user(roles, email) {
      counter += 1;
      const address = email ?? `${roles.join('-')}${counter}-${process.pid}-${Date.now()}@test.local`;
      const created = await api.users.create({ email: address, passwordHash: await hash(PASSWORD), roles, displayName: address });
      return { id: created!.id, email: address };
    },
    async close() {
      streams.closeAll();
      await running.close();
      await jobs.close();
      if (!options.events) await events.close();
    },
  };
}

export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** JSON over fetch. */
export async function call<T = any>(url: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const response = await fetch(url + path, {
    method,
    headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

export interface Session {
  readonly userId: string;
  readonly token: string;
  readonly csrfToken: string;
  /** The Cookie header a browser would send. */
  readonly cookie: string;
  /** As the console: session cookie + CSRF header. */
  browser<T = any>(method: string, path: string, body?: unknown, csrf?: string | null): Promise<HttpResult<T>>;
  /** As an API client: bearer token, no cookie, no CSRF. */
  bearer<T = any>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
}

export async function signIn(url: string, email: string, password = PASSWORD): Promise<Session> {
  const login = await call(url, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token, csrfToken } = login.body as { token: string; csrfToken: string };
  return {
    userId: login.body.user.id,
    token,
    csrfToken,
    cookie,
    browser: (method, path, body, csrf) =>
      call(url, method, path, { body, headers: { cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf ?? csrfToken }) } }),
    bearer: (method, path, body) => call(url, method, path, { body, headers: { authorization: `Bearer ${token}` } }),
  };
}
