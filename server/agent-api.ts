// The console API as route modules for buildApp's mount hook: sign-in, users, handoffs, the agent
// event stream, the dead-letter list and the OpenAPI document. The guard is returned too, so
// other route modules (the trainer's) check roles the same way.
import type { Kysely } from 'kysely';
import type { EventStreams } from '../events/event-streams';
import type { LiveEvents } from '../events/types';
import type { Handoff } from '../handoff/create-handoff';
import type { Schema } from '../store/schema';
import type { RouteModule } from './app';
import { createAuthGuard, type AuthGuard } from '../accounts/guard';
import { LoginFailureRepository } from '../accounts/login-failure-repository';
import { DEFAULT_LOGIN_LIMIT, LoginLimiter, type LoginLimitPolicy } from '../accounts/login-limiter';
import { SessionRepository } from '../accounts/session-repository';
import { UserRepository } from '../accounts/user-repository';
import type { OpenApiGroup } from './openapi/document';
import { CORE_GROUPS, openApiRoutes } from './openapi/openapi-routes';
import { agentEventRoutes } from '../handoff/event-routes';
import { authRoutes } from '../accounts/routes';
import { handoffRoutes } from '../handoff/routes';
import { cannedRoutes } from '../handoff/canned-routes';
import { CannedResponses } from '../handoff/canned-responses';
import { contactRoutes } from '../handoff/contact-routes';
import { userRoutes } from '../accounts/user-routes';
import { redactPii } from '../bot/pii';
import { deadLetterRoutes } from './dead-letter-routes';

export interface AgentApiDeps {
  readonly db: Kysely<Schema>;
  readonly handoff: Handoff;
  readonly events: LiveEvents;
  readonly streams: EventStreams;
  readonly loginLimit?: LoginLimitPolicy;
  /** Session lifetime in ms (default 12 h). */
  readonly sessionTtlMs?: number;
  /** Password hashing for new users (scrypt by default). */
  readonly hash?: (password: string) => Promise<string>;
  /** More OpenAPI groups to merge (the trainer's). */
  readonly openApiGroups?: readonly OpenApiGroup[];
}

export interface AgentApi {
  readonly routes: readonly RouteModule[];
  readonly guard: AuthGuard;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
}

export function createAgentApi(deps: AgentApiDeps): AgentApi {
  const users = new UserRepository(deps.db);
  const sessions = new SessionRepository(deps.db);
  const guard = createAuthGuard(sessions);
  const { audit, tickets } = deps.handoff.deps;
  const limiter = new LoginLimiter(new LoginFailureRepository(deps.db), deps.loginLimit ?? DEFAULT_LOGIN_LIMIT);
  return {
    guard,
    users,
    sessions,
    routes: [
      { path: '/api/v1', router: authRoutes({ users, sessions, limiter, guard, audit, sessionTtlMs: deps.sessionTtlMs, hash: deps.hash }) },
      { path: '/api/v1', router: userRoutes({ users, guard, audit, hash: deps.hash }) },
      { path: '/api/v1', router: handoffRoutes({ db: deps.db, tickets, service: deps.handoff.service, guard }) },
      { path: '/api/v1', router: cannedRoutes(new CannedResponses({ db: deps.db, audit }), guard) },
      { path: '/api/v1', router: contactRoutes({ db: deps.db, audit, guard }) },
      { path: '/api/v1', router: agentEventRoutes({ events: deps.events, streams: deps.streams, tickets, guard }) },
      { path: '/api/v1', router: deadLetterRoutes({ db: deps.db, guard, redact: redactPii }) },
      { path: '/api', router: openApiRoutes([...CORE_GROUPS, ...(deps.openApiGroups ?? [])]) },
    ],
  };
}
