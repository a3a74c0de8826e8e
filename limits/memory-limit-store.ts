// Limit counters inside one process: the default without Redis.
import type { Lease, LimitStore } from './types';

export function createMemoryLimitStore(now: () => number = Date.now): LimitStore {
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();
  const slots = new Map<string, number>();

  return {
    async hit(key, windowMs) {
      const t = now();
      // Old windows are dropped lazily so the map cannot grow without bound.
      if (windows.size > 10_000) {
        for (const [k, w] of windows) if (t - w.start >= w.windowMs) windows.delete(k);
      }
      let window = windows.get(key);
      if (!window || t - window.start >= window.windowMs) {
        window = { start: t, count: 0, windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { count: window.count, resetMs: window.start + window.windowMs - t };
    },
    // Slots here live and die with this process, so a lease needs no renewing.
    async acquire(wanted) {
      if (wanted.some(({ key, max }) => (slots.get(key) ?? 0) >= max)) return null;
      for (const { key } of wanted) slots.set(key, (slots.get(key) ?? 0) + 1);
      let released = false;
      const lease: Lease = {
        renew: async () => {},
        async release() {
          if (released) return;
          released = true;
          for (const { key } of wanted) {
            const left = (slots.get(key) ?? 1) - 1;
            if (left > 0) slots.set(key, left);
            else slots.delete(key);
          }
        },
      };
      return lease;
    },
    async close() {
      windows.clear();
      slots.clear();
    },
  };
}
