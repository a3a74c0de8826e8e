// The system under test built through compose (test/support/composed-server), with a given
// model, on an ephemeral port; plus a tiny HTTP client that signs in like the console (cookies +
// CSRF header) or like an API client (bearer token).
import { hashPassword } from '../../accounts/password';
import { UserRepository } from '../../accounts/user-repository';
import type { Catalog } from '../../bot/intent-schema';
import type { Handoff } from '../../handoff/create-handoff';
import type { JobQueue } from '../../jobs/types';
import type { Pipeline } from '../../pipeline/create-pipeline';
import type { TriageFn } from '../../pipeline/types';
import type { RouteModule } from '../../server/app';
import type { Database } from '../../store/database';
import { CHEAP_PASSWORD_COST, startComposedServer, STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { tableTriage } from '../support/pipeline-fixtures';
import { seedCatalog } from '../support/seed-catalog';

export { STARTUP_TIMEOUT_MS } from '../support/composed-server';

export const PASSWORD = 'correct horse battery';

export interface AgentAppOptions {
  readonly triage: () => TriageFn;
  readonly catalog: () => Catalog;
  /** Configuration variables (TRUST_PROXY, WEB_CHAT_RATE_LIMIT, HANDOFF_SLA_SECONDS, LOGIN_MAX_FAILURES…). */
  readonly env?: Record<string, string>;
}

export interface AgentApp {
  readonly url: string;
  readonly database: Database;
  readonly handoff: Handoff;
  readonly pipeline: Pipeline;
  readonly jobs: JobQueue;
  /** The API route modules the app mounts. */
  readonly routes: readonly RouteModule[];
  /** An enabled user with these roles and PASSWORD. */
  user(roles: string[], email?: string): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

/** The model most HTTP tests run: the word-table triage over the seed catalog. */
export function tableModel(): Pick<AgentAppOptions, 'triage' | 'catalog'> {
  const catalog = seedCatalog();
  return { triage: () => tableTriage(), catalog: () => catalog };
}

/**
 * One agent app on the table model for the whole describe block: started before its tests and
 * closed after them. Returns the running app (call it inside a test or hook).
 */
export function agentAppForSuite(kind: Database['kind']): () => AgentApp {
  let app: AgentApp | undefined;
  beforeAll(async () => {
    app = await startAgentApp(kind, tableModel());
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app?.close());
  return () => {
    if (!app) throw new Error('agent app not started yet: call it inside a test or hook');
    return app;
  };
}

let counter = 0;

export async function startAgentApp(kind: Database['kind'], options: AgentAppOptions): Promise<AgentApp> {
  const server = await startComposedServer(kind, {
    env: options.env,
    overrides: { model: { triage: options.triage, catalog: options.catalog } },
  });
  const { database, handoff, pipeline, jobs } = server.composed;
  const users = new UserRepository(database.db);
  return {
    url: server.url,
    database,
    handoff,
    pipeline,
    jobs,
    routes: server.composed.routes ?? [],
    async user(roles, email) {
      counter += 1;
      const address = email ?? `${roles.join('-')}${counter}-${process.pid}-${Date.now()}@test.local`;
      const created = await users.create({ email: address, passwordHash: await hashPassword(PASSWORD, CHEAP_PASSWORD_COST), roles, displayName: address });
      return { id: created!.id, email: address };
    },
    close: () => server.close(),
  };
}

export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** JSON over fetch. */
export async function call<T = any>(
  url: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
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
