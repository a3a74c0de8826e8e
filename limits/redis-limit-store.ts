// Limit counters in Redis, shared by every API process. Each operation is one Lua script, so
// concurrent requests on different processes cannot both pass a limit that has one place left.
// Times come from the Redis server (TIME), so the processes' clocks need not agree.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lease, LimitStore } from './types';

// A fixed window: the first hit sets the expiry; returns the count and the time left.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

// Slots are sorted-set members scored by their lease's expiry: expired ones are dropped, then
// every key is checked before any is taken. ARGV: member, leaseMs, max per key.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local leaseMs = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= tonumber(ARGV[2 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + leaseMs, ARGV[1])
  redis.call('PEXPIRE', key, leaseMs)
end
return 1
`;

const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, 'XX', now + tonumber(ARGV[2]), ARGV[1])
  redis.call('PEXPIRE', key, ARGV[2])
end
return 1
`;

export interface RedisLimitStoreOptions {
  /** Prepended to every key (`<REDIS_PREFIX>:limits:` in the server; unique per test). */
  readonly prefix: string;
}

/** Uses `redis` for commands only; closing the store does not close the client. */
export function createRedisLimitStore(redis: Redis, options: RedisLimitStoreOptions): LimitStore {
  const k = (key: string) => `${options.prefix}${key}`;
  return {
    async hit(key, windowMs) {
      const [count, resetMs] = (await redis.eval(HIT, 1, k(`hit:${key}`), String(windowMs))) as [number, number];
      return { count, resetMs };
    },
    async acquire(slots, leaseMs) {
      const keys = slots.map(({ key }) => k(`slots:${key}`));
      const member = randomBytes(12).toString('hex');
      const taken = await redis.eval(ACQUIRE, keys.length, ...keys, member, String(leaseMs), ...slots.map(({ max }) => String(max)));
      if (taken !== 1) return null;
      let released = false;
      const lease: Lease = {
        async renew() {
          if (!released) await redis.eval(RENEW, keys.length, ...keys, member, String(leaseMs));
        },
        async release() {
          if (released) return;
          released = true;
          await Promise.all(keys.map((key) => redis.zrem(key, member)));
        },
      };
      return lease;
    },
    async close() {},
  };
}
