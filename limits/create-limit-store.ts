// Picks where limits are counted: Redis when REDIS_URL is set (every API process shares the
// counts), otherwise this process's memory.
import { Redis } from 'ioredis';
import { createMemoryLimitStore } from './memory-limit-store';
import { createRedisLimitStore } from './redis-limit-store';
import type { LimitStore } from './types';

export interface LimitStoreConfig {
  readonly redisUrl?: string;
  /** Key prefix in Redis, e.g. `<REDIS_PREFIX>:limits:`. */
  readonly prefix: string;
  /** Told about connection errors; ioredis reconnects by itself. */
  readonly onConnectionError?: (error: Error) => void;
}

export function createLimitStore(config: LimitStoreConfig): LimitStore {
  if (!config.redisUrl) return createMemoryLimitStore();
  // A check made while connecting waits for the connection; while Redis is away it fails within
  // a second (and the limit lapses) instead of holding the request until Redis is back.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  redis.on('error', config.onConnectionError ?? (() => {}));
  const store = createRedisLimitStore(redis, { prefix: config.prefix });
  return {
    ...store,
    async close() {
      await redis.quit().catch(() => redis.disconnect(false));
    },
  };
}
