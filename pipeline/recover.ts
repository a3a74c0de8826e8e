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
  // A queue that does not answer yet (Redis starting, or slow to load its scripts) must not stop
  // the process from starting: what is not queued now, the sweeper queues later.
  let notQueued = 0;
  const add = (queued: Promise<void>) =>
    queued.catch((error: unknown) => {
      if (notQueued++ === 0) deps.logger?.warn('recovery could not queue a job; the sweeper will', { error: String(error) });
    });
  const messageIds = await listUnfinishedInbound(db);
  for (const messageId of messageIds) await add(deps.jobs.add('inbound', { messageId }, { jobId: messageId }));
  const outboxIds = await listUnfinishedOutbox(db);
  for (const outboxId of outboxIds) await add(deps.jobs.add('outbound', { outboxId }, { jobId: outboxId }));
  if (messageIds.length + outboxIds.length > 0) {
    deps.logger?.info('recovered unfinished work', { inbound: messageIds.length, outbound: outboxIds.length });
  }
  return { inbound: messageIds.length, outbound: outboxIds.length };
}
