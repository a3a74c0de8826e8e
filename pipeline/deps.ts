// What createPipeline() is built from. Everything with I/O comes in here; nothing is global.
import type { PiiFinding } from '../bot/types';
import type { ChannelId } from './channel';
import type { LiveEvents } from '../events/types';
import type { JobQueue, LaneOptions, WorkerOptions } from '../jobs/types';
import type { Database } from '../store/database';
import type { FeedbackPort } from './feedback-port';
import type { HandoffPort } from './handoff-port';
import type { SurgePort } from './surge-port';
import type { TriageFn } from './types';
import type { Logger } from '../core/logger';

/** The slice of core's Logger port the pipeline writes to. */
export type PipelineLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * Named points between the pipeline's durable steps. Production passes no hook; the crash tests
 * kill a worker process at one of them to prove a retry neither loses nor duplicates anything.
 */
export type Checkpoint = 'decision-stored' | 'outbox-written' | 'before-send' | 'after-send';

export interface PipelineDeps {
  readonly database: Database;
  readonly jobs: JobQueue;
  readonly events: LiveEvents;
  /** Returns triage() bound to the current model and catalog (called per message: hot-swappable). */
  readonly triage: () => TriageFn;
  /** PII redaction (bot/pii redactPii): applied before anything is stored. */
  readonly redact: (text: string) => { readonly text: string; readonly findings: readonly PiiFinding[] };
  /** The agent queue (handoff/pipeline-handoff.ts): tickets, routing, triage card, SLA. */
  readonly handoff: HandoffPort;
  /** CSAT answers tapped on a platform (handoff/feedback.ts); none: every message is triaged. */
  readonly feedback?: Pick<FeedbackPort, 'takeRatingReply'>;
  /** Pinned surge answers and the wait estimate under load, consulted after triage (none: unchanged). */
  readonly surge?: SurgePort;
  readonly now?: () => Date;
  readonly logger?: PipelineLogger;
  readonly checkpoint?: (point: Checkpoint, id: string) => void | Promise<void>;
  /**
   * Channels whose route answers in its own HTTP response (Kakao skill): their `outbound` job
   * waits `holdMs` so the route claims the reply first, and runs only as a fallback (route crashed
   * or gave up). Default: Kakao holds 5 000 ms, Kakao's whole response budget.
   */
  readonly inlineDelivery?: InlineDeliverySettings;
}

export type InlineDeliverySettings = Readonly<Partial<Record<ChannelId, { readonly holdMs: number }>>>;

export const DEFAULT_INLINE_DELIVERY: InlineDeliverySettings = { kakao: { holdMs: 5_000 } };

export interface WorkerSettings {
  readonly inbound?: WorkerOptions;
  /** The default `outbound` lane, which only routes a job to its channel's lane (and attempts, backoff for all lanes). */
  readonly outbound?: WorkerOptions;
  /** Each channel's send lane: its concurrency and send rate limit (defaults: DEFAULT_SEND_LANES). */
  readonly sendLanes?: Partial<Record<ChannelId, LaneOptions>>;
  /** How long an outbox row stays reserved by the worker sending it (ms, default 120 000). */
  readonly sendLeaseMs?: number;
  /** The sweeper's period (ms, default 30 000) and when work counts as stuck (ms, default 60 000). */
  readonly sweep?: { readonly everyMs?: number; readonly stuckAfterMs?: number };
}

// Eight at a time: a message spends most of its time waiting on two round trips, so a worker with
// fewer in flight leaves its core idle while the queue grows (measured in BENCHMARKS.md, issue 16).
export const DEFAULT_INBOUND_WORKER: WorkerOptions = { concurrency: 8, attempts: 5, backoffMs: 1000 };
export const DEFAULT_OUTBOUND_WORKER: WorkerOptions = { concurrency: 4, attempts: 6, backoffMs: 2000 };
export const DEFAULT_SEND_LEASE_MS = 120_000;
/**
 * One send lane per channel, each with its own limiter, so a platform that is slow or throttles
 * us (429 + Retry-After pauses its lane) never holds up another platform's replies. The limits
 * are at or under the platforms' published rates (Messenger: 300 text sends/s per Page, see
 * ../shared/channels.md); web chat only publishes a live event.
 */
export const DEFAULT_SEND_LANES: Readonly<Record<ChannelId, LaneOptions>> = {
  web: { concurrency: 8, limiter: { max: 2000, durationMs: 1000 } },
  facebook: { concurrency: 8, limiter: { max: 300, durationMs: 1000 } },
  kakao: { concurrency: 8, limiter: { max: 250, durationMs: 1000 } },
  x: { concurrency: 4, limiter: { max: 50, durationMs: 1000 } },
};

export const consoleLogger: PipelineLogger = {
  info: (message, fields) => console.log(message, fields ?? ''),
  warn: (message, fields) => console.warn(message, fields ?? ''),
  error: (message, fields) => console.error(message, fields ?? ''),
};
