// The system the channel suites talk to, built by compose the way production builds it
// (test/support/composed-server): the real webhook routes, pipeline, store and job workers, every
// platform enabled under the test secrets. Replies go out through the real senders, to the fake
// platform APIs a suite starts; triage answers from the suite's table (the model's stand-in).
import type { Decision } from '../../../bot/types';
import { createLogger } from '../../../core/logger';
import type { ChannelId } from '../../../pipeline/channel';
import type { TriageFn } from '../../../pipeline/types';
import type { Overrides } from '../../../server/compose';
import type { Database } from '../../../store/database';
import { eventually, jobsEnv, removeTestQueues } from '../../support/backends';
import { startComposedServer, type ComposedServer } from '../../support/composed-server';
import { exactTriage } from '../../support/pipeline-fixtures';
import { seedCatalog } from '../../support/seed-catalog';
import { KAKAO_BOT, KAKAO_SECRET, META_SECRET, PAGE_ID, X_ACCOUNT, X_SECRET } from './payloads';

export const VERIFY_TOKEN = 'verify-me';
export const PAGE_TOKEN = 'page-token';

/** Every platform enabled, with the secrets the sample deliveries are signed with. */
export const PLATFORM_ENV: Readonly<Record<string, string>> = {
  FB_APP_SECRET: META_SECRET,
  FB_VERIFY_TOKEN: VERIFY_TOKEN,
  FB_PAGE_TOKEN: PAGE_TOKEN,
  FB_PAGE_ID: PAGE_ID,
  X_CONSUMER_SECRET: X_SECRET,
  X_API_KEY: 'k',
  X_ACCESS_TOKEN: 't',
  X_ACCESS_SECRET: 's',
  X_ACCOUNT_ID: X_ACCOUNT,
  KAKAO_SKILL_SECRET: KAKAO_SECRET,
  KAKAO_BOT_ID: KAKAO_BOT,
};

export interface ChannelServerOptions {
  readonly triage: TriageFn;
  /** Origins of the fake Graph and X APIs the real senders talk to. */
  readonly graphUrl?: string;
  readonly xApiUrl?: string;
  /** The pipeline's checkpoint hook (a pause at a step makes triage slow). */
  readonly checkpoint?: Overrides['checkpoint'];
}

export interface ChannelServer extends ComposedServer {
  readonly db: Database['db'];
  /** Every log line the system wrote (debug and up). */
  readonly logLines: readonly string[];
}

/** The FAQ answer triage gives a text its table does not name. */
export const FAQ_ANSWER: Partial<Decision> = {
  intent: 'cert.family_relation',
  confidence: 0.9,
  action: 'auto_answer',
  reply: { text: '정부24에서 온라인으로 신청할 수 있어요.', links: [{ label: '정부24 바로가기', url: 'https://www.gov.kr' }] },
};

/** Answers every message with the FAQ answer. */
export const answerEverything: TriageFn = exactTriage({}, FAQ_ANSWER);

/** PGlite with in-process jobs, or PostgreSQL with BullMQ (when Redis is configured; its keys go on close). */
export async function startChannelServer(kind: Database['kind'], options: ChannelServerOptions): Promise<ChannelServer> {
  const logLines: string[] = [];
  const catalog = seedCatalog();
  const server = await startComposedServer(kind, {
    env: {
      ...PLATFORM_ENV,
      ...(options.graphUrl && { FB_GRAPH_BASE_URL: options.graphUrl }),
      ...(options.xApiUrl && { X_API_BASE_URL: options.xApiUrl }),
      ...jobsEnv(kind),
    },
    logger: createLogger({ level: 'debug', redact: (text) => text, write: (line) => logLines.push(line) }),
    overrides: {
      model: { triage: () => options.triage, catalog: () => catalog },
      ...(options.checkpoint && { checkpoint: options.checkpoint }),
    },
  });
  return {
    ...server,
    db: server.composed.database.db,
    logLines,
    async close() {
      await server.close();
      await removeTestQueues();
    },
  };
}

/** The inbound message a platform event was stored as, or undefined. */
export const storedInbound = (db: Database['db'], channel: ChannelId, externalId: string) =>
  db
    .selectFrom('messages')
    .select(['id', 'text', 'status'])
    .where('direction', '=', 'in')
    .where('channel', '=', channel)
    .where('external_id', '=', externalId)
    .executeTakeFirst();

/**
 * Waits until the inbound job has triaged the stored message. The platform webhooks never triage
 * inline, so a processed message is one that was queued.
 */
export const processedInbound = (db: Database['db'], channel: ChannelId, externalId: string) =>
  eventually(
    async () => {
      const row = await storedInbound(db, channel, externalId);
      return row?.status === 'processed' && row;
    },
    20_000,
    `${channel} ${externalId} triaged by the inbound job`,
  );

/** Everything a webhook request can store: inbound messages and refused events. */
export async function storedEvents(db: Database['db']): Promise<number> {
  const [messages, rejected] = await Promise.all([
    db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('direction', '=', 'in')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('rejected_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(messages.n) + Number(rejected.n);
}

/** Waits until no inbound or outbound job is waiting: whatever the deliveries queued has run. */
export const drained = (server: ChannelServer) =>
  eventually(
    async () => {
      const depth = await server.composed.jobs.depth();
      return depth.inbound + depth.outbound === 0;
    },
    20_000,
    'the inbound and outbound queues to drain',
  );
