// The system under test, built the one way production builds it: server/main's startServer →
// compose, on an ephemeral port, with only the outside world overridden (a cheap password hash
// always; senders, clock and model as the suite asks). Closing drops a PostgreSQL test schema.
import { silentLogger } from '../../core/logger';
import { loadConfig, type Config } from '../../server/config';
import type { ComposeOptions, Composed } from '../../server/compose';
import { startServer } from '../../server/main';
import type { Database } from '../../store/database';
import { databaseEnv, dropSchemaOf } from './backends';

/** scrypt at N = 2^10: these suites test sessions and roles, not the hash's strength. */
export const CHEAP_PASSWORD_COST = { N: 1024, r: 8, p: 1 } as const;

/** Hook timeout for starting the system: opening PGlite alone takes ~20 s on a loaded 2-core box. */
export const STARTUP_TIMEOUT_MS = 120_000;

export interface ComposedServer {
  readonly url: string;
  readonly config: Config;
  readonly composed: Composed;
  close(): Promise<void>;
}

export interface ComposedServerOptions extends Partial<Omit<ComposeOptions, 'print'>> {
  /** Configuration variables beyond the test defaults (TRUST_PROXY, WEB_CHAT_RATE_LIMIT…). */
  readonly env?: Record<string, string>;
  /** Config fields no variable sets (jobTimings). */
  readonly config?: Partial<Config>;
}

/** The test configuration on this engine: a fresh database, quiet logs, no link checks, no shedding. */
export function testConfig(kind: Database['kind'], env: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SOTONG_SECRET: 'composed-test-secret-composed-test-secret',
    SOTONG_ADMIN_PASSWORD: 'composed admin password',
    LINK_CHECK_INTERVAL_SECONDS: '0',
    // Load shedding off unless a suite turns it on (test/pipeline/overload.test.ts): a suite's own
    // client shares the server's event loop, so a burst of its requests reads as saturation.
    SHED_INBOUND_BACKLOG: '0',
    ...databaseEnv(kind),
    ...env,
  });
}

export async function startComposedServer(kind: Database['kind'], options: ComposedServerOptions = {}): Promise<ComposedServer> {
  const { env, config: fields, overrides, ...rest } = options;
  const config = { ...testConfig(kind, env), ...fields };
  const server = await startServer(config, {
    role: 'all',
    logger: silentLogger,
    print: () => undefined,
    ...rest,
    overrides: { passwordCost: CHEAP_PASSWORD_COST, ...overrides },
  });
  return {
    url: server.url!,
    config,
    composed: server.composed,
    async close() {
      await server.stop('test over');
      await dropSchemaOf(server.composed.database);
    },
  };
}
