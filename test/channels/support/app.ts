// Starts an express app with the channel routers on 127.0.0.1:<random port>.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AddressInfo } from 'node:net';

export interface RunningApp {
  readonly url: string;
  close(): Promise<void>;
}

export async function startApp(...routers: Router[]): Promise<RunningApp> {
  const app = express();
  for (const r of routers) app.use(r);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: 'internal', detail: (err as Error).message });
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
