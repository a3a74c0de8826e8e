// builds the real app (buildApp) around injected parts, for HTTP tests.
import { createEventStreams, type EventStreamOptions, type EventStreams } from '../../../events/event-streams';
import { createAccessTokens } from '../../../channels/web/verify';
import { createInProcessEvents } from '../../../events/in-process-events';
import type { LiveEvents } from '../../../events/types';
import type { LimitStore } from '../../../limits/types';
import type { MessagePipeline } from '../../../pipeline/types';
import { buildApp, type AppConfig, type AppDeps } from '../../../server/app';
import type { HealthCheck } from '../../../server/health-routes';
import { createLogger, type Logger } from '../../../core/logger';
import { createMetrics, type MetricsRegistry } from '../../../server/metrics';
import { listen, type Running } from './http';
import { createMemoryPipeline, tableTriage } from './memory-pipeline';

export const TEST_SECRET = 'test-secret-test-secret-test-secret!';

export interface TestApp extends Running {
  readonly events: LiveEvents;
  readonly metrics: MetricsRegistry;
  readonly streams: EventStreams;
  readonly logLines: string[];
}

export interface TestAppOptions {
  readonly pipeline?: (events: LiveEvents) => MessagePipeline;
  readonly database?: HealthCheck;
  readonly jobs?: HealthCheck;
  readonly config?: AppConfig;
  readonly heartbeatMs?: number;
  /** Stream caps (events/event-streams.ts defaults when unset). */
  readonly streamCaps?: Pick<EventStreamOptions, 'maxPerConversation' | 'maxPerSession' | 'maxPerIp'>;
  readonly routes?: AppDeps['routes'];
  /** Where rate limits and stream caps count (a Redis store shared by two apps); default: memory. */
  readonly limits?: LimitStore;
}

const up: HealthCheck = { ping: async () => true };

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logLines: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', redact: (text) => text, write: (line) => logLines.push(line) });
  const events = createInProcessEvents();
  const metrics = createMetrics();
  const streams = createEventStreams({ heartbeatMs: options.heartbeatMs ?? 15_000, ...options.streamCaps, store: options.limits });
  const pipeline = options.pipeline?.(events) ?? createMemoryPipeline(tableTriage({}), events);
  const app = buildApp(
    {
      logger,
      metrics,
      health: { database: options.database ?? up, jobs: options.jobs ?? up, timeoutMs: 300 },
      pipeline,
      events,
      tokens: createAccessTokens(TEST_SECRET),
      streams,
      limits: options.limits,
      routes: options.routes,
    },
    options.config,
  );
  const running = await listen(app);
  return {
    ...running,
    events,
    metrics,
    streams,
    logLines,
    async close() {
      streams.closeAll();
      await running.close();
      await events.close();
    },
  };
}
