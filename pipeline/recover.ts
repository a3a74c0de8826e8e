// recover(): at startup, queue again whatever was in flight when the last process stopped.
// Needed by the in-process driver (its queues die with the process) and harmless with BullMQ
// (jobIds dedupe, and every job is idempotent).
import { listUnfinishedInbound } from '../store/message-repository';
import { listUnfinishedOutbox } from '../store/outbox-repository';
import type { PipelineDeps } from './deps';

export interface Recovered {
  readonly inbound: number;
  readonly outbound: number;
}

export async function recover(deps: PipelineDeps): Promise<Recovered> {
  const { db } = deps.database;
  const messageIds = await listUnfinishedInbound(db);
  for (const messageId of messageIds) await deps.jobs.add('inbound', { messageId }, { jobId: messageId });
  const outboxIds = await listUnfinishedOutbox(db);
  for (const outboxId of outboxIds) await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
  if (messageIds.length + outboxIds.length > 0) {
    deps.logger?.info('recovered unfinished work', { inbound: messageIds.length, outbound: outboxIds.length });
  }
  return { inbound: messageIds.length, outbound: outboxIds.length };
}
