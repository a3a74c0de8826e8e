// Server-sent events: one open stream per browser tab. The registry keeps every open stream so a
// shutdown can end them (otherwise server.close() waits for them forever).
import type { Request, Response } from 'express';
import { SotongError } from '../core/errors';
import { createMemoryLimitStore } from '../limits/memory-limit-store';
import type { Lease, LimitStore } from '../limits/types';

export interface EventStream {
  /** Sends one event; `id` lets the browser resume from it (Last-Event-ID). */
  send(event: string, data: unknown, id?: string): void;
  readonly closed: boolean;
  onClose(cleanup: () => void): void;
}

/** What a stream is counted against, besides the client IP (each has its own cap). */
export interface StreamOwner {
  /** The web-chat conversation whose token opened it. */
  readonly conversation?: string;
  /** The agent session that opened it. */
  readonly session?: string;
}

export interface EventStreams {
  /** Opens a stream, or throws SOTONG_ERR_RATE_LIMITED (429) before writing anything when a cap is reached. */
  open(req: Request, res: Response, owner?: StreamOwner): Promise<EventStream>;
  /** How many streams are open (for tests and metrics). */
  size(): number;
  closeAll(): void;
}

export interface EventStreamOptions {
  /** Comment line sent this often so proxies keep the connection open. Default 15000 ms. */
  readonly heartbeatMs?: number;
  /** How long the browser waits before reconnecting. Default 3000 ms. */
  readonly retryMs?: number;
  /**
   * Open streams allowed per conversation token (default 5: a few tabs), per agent session
   * (default 5) and per client IP (default 50: many citizens share a carrier NAT). Each stream
   * holds a socket and a subscription, so without caps one token could exhaust the server.
   */
  readonly maxPerConversation?: number;
  readonly maxPerSession?: number;
  readonly maxPerIp?: number;
  /**
   * Where open streams are counted. Default: in this process. A Redis store makes the caps hold
   * across API processes; each stream's slot is renewed with every heartbeat and lapses after
   * three missed ones (30 s at least), so a process that dies frees its streams' places.
   */
  readonly store?: LimitStore;
  /** Told when the store fails (Redis down); the stream then opens uncounted. */
  readonly onStoreError?: (error: unknown) => void;
}

export const DEFAULT_STREAM_CAPS = { maxPerConversation: 5, maxPerSession: 5, maxPerIp: 50 } as const;

export function createEventStreams(options: EventStreamOptions = {}): EventStreams {
  const open = new Set<Response>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const caps = { ...DEFAULT_STREAM_CAPS, ...options };
  const store = options.store ?? createMemoryLimitStore();
  const leaseMs = Math.max(heartbeatMs * 3, 30_000);
  const uncounted: Lease = { renew: async () => {}, release: async () => {} };

  return {
    async open(req, res, owner = {}) {
      const slots = [{ key: `stream:ip:${req.ip ?? 'unknown'}`, max: caps.maxPerIp }];
      if (owner.conversation !== undefined) slots.push({ key: `stream:conversation:${owner.conversation}`, max: caps.maxPerConversation });
      if (owner.session !== undefined) slots.push({ key: `stream:session:${owner.session}`, max: caps.maxPerSession });
      let lease: Lease | null;
      try {
        lease = await store.acquire(slots, leaseMs);
      } catch (error) {
        options.onStoreError?.(error);
        lease = uncounted;
      }
      if (!lease) {
        // The browser's EventSource retries after `retry`; tell it to wait rather than hammer.
        res.setHeader('Retry-After', '30');
        throw new SotongError('SOTONG_ERR_RATE_LIMITED', { params: { retryAfter: 30 } });
      }
      const held = lease;

      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store, no-transform');
      res.setHeader('Connection', 'keep-alive');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      res.write(`retry: ${options.retryMs ?? 3000}\n\n`);
      open.add(res);

      const cleanups: Array<() => void> = [];
      let closed = false;
      const heartbeat = setInterval(() => {
        res.write(': heartbeat\n\n');
        held.renew().catch((error: unknown) => options.onStoreError?.(error));
      }, heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        open.delete(res);
        held.release().catch((error: unknown) => options.onStoreError?.(error));
        for (const cleanup of cleanups) cleanup();
      };
      req.on('close', close);
      res.on('close', close);
      // The client may have gone while the store was being asked: its close event is past.
      if (req.destroyed || res.destroyed) close();

      return {
        get closed() {
          return closed;
        },
        send(event, data, id) {
          if (closed) return;
          // JSON never contains a raw newline, so one data line is always enough.
          res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        onClose(cleanup) {
          if (closed) cleanup();
          else cleanups.push(cleanup);
        },
      };
    },
    size: () => open.size,
    closeAll() {
      for (const res of [...open]) res.end();
    },
  };
}
