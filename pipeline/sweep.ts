// The sweeper: a repeatable job (one worker per period) that queues again the work whose job was
// lost — Redis wiped or restarted without its data, an api that stored a message while Redis was
// down, a worker killed while holding an outbox row. Start-up recovery (recover.ts) only helps
// when a process starts; this finds the same rows while everything keeps running.
// Re-queuing is always safe: jobIds dedupe a job that still exists, processInbound is idempotent,
// and an outbox row is sent only by the attempt holding its send token (store/outbound-writes.ts).
import { listStuckInbound } from '../store/message-repository';
import { listStuckOutbox } from '../store/outbox-repository';
import type { PipelineDeps } from './deps';

export interface SweepSettings {
  /** Unfinished work older than this is considered stuck (ms). */
  readonly stuckAfterMs: number;
  /** Rows re-queued per kind per sweep; the next sweep takes the rest. */
  readonly batch?: number;
}

export interface Swept {
  readonly inbound: number;
  readonly outbound: number;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 30_000;
export const DEFAULT_STUCK_AFTER_MS = 60_000;

export async function sweep(deps: PipelineDeps, settings: SweepSettings): Promise<Swept> {
  const { db } = deps.database;
  const now = (deps.now ?? (() => new Date()))();
  const olderThan = new Date(now.getTime() - settings.stuckAfterMs);
  const batch = settings.batch ?? 500;
  const messageIds = await listStuckInbound(db, olderThan, batch);
  for (const messageId of messageIds) await deps.jobs.add('inbound', { messageId }, { jobId: messageId });
  const outboxIds = await listStuckOutbox(db, olderThan, batch);
  for (const outboxId of outboxIds) await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
  if (messageIds.length + outboxIds.length > 0) {
    deps.logger?.warn('sweeper re-queued stuck work', { inbound: messageIds.length, outbound: outboxIds.length });
  }
  return { inbound: messageIds.length, outbound: outboxIds.length };
}
