// Picks the job driver: BullMQ when a Redis url is configured, otherwise in-process.
import { createBullmqJobQueue, type BullmqOptions } from './bullmq-driver';
import { createInProcessJobQueue } from './in-process-driver';
import type { JobName, JobQueue } from './types';

export interface JobQueueConfig extends Partial<Omit<BullmqOptions, 'redisUrl'>> {
  /** redis://… to use BullMQ; unset for the in-process driver. */
  readonly redisUrl?: string;
  readonly onFailed?: (name: JobName, error: unknown) => void;
  readonly onError?: (message: string, error: unknown) => void;
}

export function createJobQueue(config: JobQueueConfig = {}): JobQueue {
  const { redisUrl, ...rest } = config;
  return redisUrl ? createBullmqJobQueue({ redisUrl, ...rest }) : createInProcessJobQueue({ onFailed: rest.onFailed });
}
