// Picks the live-events driver: Redis pub/sub when REDIS_URL is set (API and workers may be
// separate processes), otherwise in-process.
import { createInProcessEvents } from './in-process-events';
import { createRedisEvents } from './redis-events';
import type { LiveEvent, LiveEvents } from './types';

export interface LiveEventsConfig {
  readonly redisUrl?: string;
  readonly channel?: string;
  readonly onListenerError?: (error: unknown, event: LiveEvent) => void;
  readonly onBadMessage?: (reason: string) => void;
  readonly onConnectionError?: (error: Error) => void;
}

export async function createLiveEvents(config: LiveEventsConfig = {}): Promise<LiveEvents> {
  if (config.redisUrl) {
    return createRedisEvents({
      redisUrl: config.redisUrl,
      channel: config.channel,
      onListenerError: config.onListenerError,
      onBadMessage: config.onBadMessage,
      onConnectionError: config.onConnectionError,
    });
  }
  return createInProcessEvents({ onListenerError: config.onListenerError });
}
