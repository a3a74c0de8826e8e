// Runs the X mention poller on an interval in worker processes, with its since_id cursor kept in
// the channel_state table so a restart resumes where it stopped. Polls never overlap, and a
// rate-limited poll waits until the reset X announced before the next one.
import type { TwitterApi } from 'twitter-api-v2';
import { RetryableSendError } from '../../pipeline/send-errors';
import type { CursorStore } from './cursor-store';
import { pollMentions } from './mention-poller';
import type { MessagePipeline } from '../../pipeline/types';
import { getChannelState, setChannelState } from '../../store/channel-state-repository';
import type { Database } from '../../store/database';
import type { Logger } from '../../core/logger';

export function databaseCursorStore(database: Database): CursorStore {
  return {
    get: (key) => getChannelState(database.db, key),
    set: (key, value) => setChannelState(database.db, key, value),
  };
}

export interface MentionPollingOptions {
  readonly client: TwitterApi;
  readonly pipeline: MessagePipeline;
  readonly cursors: CursorStore;
  readonly accountId: string;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** Starts polling at once and then every `intervalMs`. Returns a function that stops it. */
export function startMentionPolling(options: MentionPollingOptions): () => Promise<void> {
  const now = options.now ?? Date.now;
  let pausedUntil = 0;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    if (now() < pausedUntil) return;
    try {
      const result = await pollMentions(options.client, options.pipeline, options.cursors, { accountId: options.accountId });
      if (result.fetched > 0) options.logger.info('x mentions polled', { ...result });
    } catch (error) {
      if (error instanceof RetryableSendError && error.retryAfterMs !== undefined) pausedUntil = now() + error.retryAfterMs;
      options.logger.warn('x mention poll failed', { error, pausedUntil: pausedUntil || undefined });
    }
  };
  const schedule = () => {
    if (stopped || running) return;
    running = tick().finally(() => (running = undefined));
  };
  schedule();
  const timer = setInterval(schedule, options.intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
