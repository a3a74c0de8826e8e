// The only place that listens on a port. startServer() composes the parts for a role, serves HTTP
// (roles 'all' and 'api'), and stops gracefully: stop accepting, end event streams, let in-flight
// requests finish, drain the jobs, close live events and the database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose, type ComposeOptions, type Composed } from './compose';
import type { Config } from './config';

export interface RunningServer {
  /** http://host:port, when this role serves HTTP. */
  readonly url?: string;
  readonly composed: Composed;
  /** Idempotent; resolves once everything is closed. */
  stop(reason?: string): Promise<void>;
}

/** How long in-flight requests get to finish before their connections are cut (ms). */
const DRAIN_HTTP_MS = 10_000;

export async function startServer(config: Config, options: ComposeOptions): Promise<RunningServer> {
  const { logger } = options;
  const composed = await compose(config, options);
  let server: Server | undefined;
  let url: string | undefined;

  if (composed.app) {
    const app = composed.app;
    try {
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(config.port, config.host, () => resolve(s));
        s.once('error', reject);
      });
    } catch (error) {
      await composed.close();
      throw new Error(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`, { cause: error });
    }
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    url = `http://${host}:${address.port}`;
    logger.info('listening', { url, chat: `${url}/chat.html`, staff: `${url}/staff`, role: options.role });
  } else {
    logger.info('worker running', { role: options.role });
  }

  let stopping: Promise<void> | undefined;
  const stop = (reason = 'stop') =>
    (stopping ??= (async () => {
      logger.info('shutting down', { reason });
      if (server) await closeHttp(server, composed);
      await composed.close();
      logger.info('stopped');
    })());

  return { url, composed, stop };
}

async function closeHttp(server: Server, composed: Composed): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Event streams never finish on their own; idle keep-alive sockets would hold close() open.
  composed.streams?.closeAll();
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), DRAIN_HTTP_MS);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
