// The shared core of the fake platform servers: plain node http on 127.0.0.1, a random port,
// every request recorded, and scripted responses ("429 then OK") queued per route.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
  readonly raw: string;
  /** Parsed JSON body, or undefined. */
  readonly body: any;
}

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export type FakeHandler = (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripted = new Map<string, FakeResponse[]>();
  private server: http.Server | undefined;
  url = '';

  constructor(private readonly handler: FakeHandler) {}

  /** Next responses for `route` (e.g. 'POST /2/tweets'), used before the normal handler. */
  script(route: string, ...responses: FakeResponse[]): void {
    this.scripted.set(route, [...(this.scripted.get(route) ?? []), ...responses]);
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pathPattern.test(r.path));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.respond(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async respond(req: http.IncomingMessage, raw: string, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://fake');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, raw, body };
    this.requests.push(recorded);
    const route = `${recorded.method} ${this.routeOf(recorded.path)}`;
    const queued = this.scripted.get(route);
    let out: FakeResponse;
    try {
      out = queued && queued.length > 0 ? queued.shift()! : await this.handler(recorded);
    } catch (err) {
      out = { status: 500, body: { error: (err as Error).message } };
    }
    const text = out.body === undefined ? '' : typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
    res.writeHead(out.status, { 'content-type': 'application/json; charset=utf-8', ...out.headers });
    res.end(text);
  }

  /** Route keys use ':id' for id segments (3+ leading digits; not the '2' of '/2/'), e.g. 'POST /2/dm_conversations/with/:id/messages'. */
  private routeOf(path: string): string {
    return path.replace(/\/\d{3,}[\w-]*(?=\/|$)/g, '/:id');
  }
}

/** A fake platform API: one FakeServer that answers through the subclass's handle(). */
export abstract class FakePlatform {
  readonly server = new FakeServer((req) => this.handle(req));

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  protected abstract handle(req: RecordedRequest): FakeResponse | Promise<FakeResponse>;
}
