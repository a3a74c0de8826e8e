// The real app for HTTP tests, built through compose (test/support/composed-server): the real
// pipeline on PGlite `memory://` with in-process jobs, answering from a given triage table, with
// the request log captured. Configuration variables shape it like production's do.
import type { EventStreams } from '../../../events/event-streams';
import type { LiveEvents } from '../../../events/types';
import { createLogger } from '../../../core/logger';
import type { TriageFn } from '../../../pipeline/types';
import type { Composed } from '../../../server/compose';
import type { Database } from '../../../store/database';
import { startComposedServer } from '../../support/composed-server';
import { exactTriage } from '../../support/pipeline-fixtures';
import { seedCatalog } from '../../support/seed-catalog';

export const TEST_SECRET = 'composed-test-secret-composed-test-secret';

export interface TestApp {
  readonly url: string;
  readonly composed: Composed;
  readonly events: LiveEvents;
  readonly streams: EventStreams;
  /** Every log line the app wrote (debug and up), unredacted. */
  readonly logLines: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Default: every text is out of scope. */
  readonly triage?: TriageFn;
  /** Configuration variables (WEB_CHAT_RATE_LIMIT, TRUST_PROXY, STREAM_HEARTBEAT_SECONDS…). */
  readonly env?: Record<string, string>;
  /** Default: PGlite in memory. */
  readonly kind?: Database['kind'];
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', redact: (text) => text, write: (line) => logLines.push(line) });
  const triage = options.triage ?? exactTriage({});
  const catalog = seedCatalog();
  const server = await startComposedServer(options.kind ?? 'pglite', {
    env: { SOTONG_SECRET: TEST_SECRET, ...options.env },
    logger,
    overrides: { model: { triage: () => triage, catalog: () => catalog } },
  });
  return {
    url: server.url,
    composed: server.composed,
    events: server.composed.events,
    streams: server.composed.streams!,
    logLines,
    close: () => server.close(),
  };
}
