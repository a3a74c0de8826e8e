// Server-sent events: one open stream per browser tab. The registry keeps every open stream so a
// shutdown can end them (otherwise server.close() waits for them forever).
import type { Request, Response } from 'express';

export interface EventStream {
  /** Sends one event; `id` lets the browser resume from it (Last-Event-ID). */
  send(event: string, data: unknown, id?: string): void;
  readonly closed: boolean;
  onClose(cleanup: () => void): void;
}

export interface EventStreams {
  open(req: Request, res: Response): EventStream;
  /** How many streams are open (for tests and metrics). */
  size(): number;
  closeAll(): void;
}

export interface EventStreamOptions {
  /** Comment line sent this often so proxies keep the connection open. Default 15000 ms. */
  readonly heartbeatMs?: number;
  /** How long the browser waits before reconnecting. Default 3000 ms. */
  readonly retryMs?: number;
}

export function createEventStreams(options: EventStreamOptions = {}): EventStreams {
  const open = new Set<Response>();
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  return {
    open(req, res) {
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
