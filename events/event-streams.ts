// Server-sent events: one open stream per browser tab. The registry keeps every open stream so a
// shutdown can end them (otherwise server.close() waits for them forever).
import type { Request, Response } from 'express';
import { SotongError } from '../core/errors';

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
  open(req: Request, res: Response, owner?: StreamOwner): EventStream;
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
}

export const DEFAULT_STREAM_CAPS = { maxPerConversation: 5, maxPerSession: 5, maxPerIp: 50 } as const;

export function createEventStreams(options: EventStreamOptions = {}): EventStreams {
  const open = new Set<Response>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const counts = new Map<string, number>();
  const caps = { ...DEFAULT_STREAM_CAPS, ...options };

  return {
    open(req, res, owner = {}) {
      const keys: Array<[string, number]> = [[`ip:${req.ip ?? 'unknown'}`, caps.maxPerIp]];
      if (owner.conversation !== undefined) keys.push([`conversation:${owner.conversation}`, caps.maxPerConversation]);
      if (owner.session !== undefined) keys.push([`session:${owner.session}`, caps.maxPerSession]);
      if (keys.some(([key, max]) => (counts.get(key) ?? 0) >= max)) {
        // The browser's EventSource retries after `retry`; tell it to wait rather than hammer.
        res.setHeader('Retry-After', '30');
        throw new SotongError('SOTONG_ERR_RATE_LIMITED', { params: { retryAfter: 30 } });
      }
      for (const [key] of keys) counts.set(key, (counts.get(key) ?? 0) + 1);

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
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        open.delete(res);
        for (const [key] of keys) {
          const left = (counts.get(key) ?? 1) - 1;
          if (left > 0) counts.set(key, left);
          else counts.delete(key);
        }
        for (const cleanup of cleanups) cleanup();
      };
      req.on('close', close);
      res.on('close', close);

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
