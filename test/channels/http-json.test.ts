// The senders' JSON client: answers as parsed JSON with readable headers, failures and timeouts
// as RetryableSendError, and one kept-alive connection reused across replies.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postJson } from '../../channels/shared/http-json';
import { RetryableSendError } from '../../pipeline/send-errors';

describe('postJson', () => {
  let server: http.Server;
  let base: string;
  const sockets = new Set<Socket>();
  const received: { path: string; type: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        sockets.add(req.socket);
        received.push({ path: req.url ?? '', type: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        if (req.url?.startsWith('/slow')) return; // never answers
        if (req.url === '/html') {
          res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
          return;
        }
        res.writeHead(429, { 'content-type': 'application/json', 'Retry-After': '7' }).end(JSON.stringify({ error: { code: 613 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('sends JSON and reads the status, the headers by any case, and the parsed body', async () => {
    const res = await postJson(`${base}/me/messages?access_token=secret`, { text: '안녕하세요' }, { timeoutMs: 2000 });
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('7');
    expect(res.headers.get('x-business-use-case-usage')).toBeNull();
    expect(res.body).toEqual({ error: { code: 613 } });
    expect(received.at(-1)).toEqual({ path: '/me/messages?access_token=secret', type: 'application/json', body: { text: '안녕하세요' } });
  });

  test('keeps the connection alive between requests', async () => {
    sockets.clear();
    await postJson(`${base}/a`, {}, { timeoutMs: 2000 });
    await postJson(`${base}/b`, {}, { timeoutMs: 2000 });
    expect(sockets.size).toBe(1);
  });

  test('keeps a body that is not JSON as text', async () => {
    const res = await postJson(`${base}/html`, {}, { timeoutMs: 2000 });
    expect(res).toMatchObject({ status: 502, body: '<h1>Bad gateway</h1>' });
  });

  test('a platform that does not answer in time is a retryable failure, without the token in the message', async () => {
    const started = Date.now();
    const error = await postJson(`${base}/slow?access_token=secret`, {}, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableSendError);
    expect((error as Error).message).toMatch(/timed out after 300 ms/);
    expect((error as Error).message).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('a refused connection is a retryable failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(postJson(`http://127.0.0.1:${port}/x`, {}, { timeoutMs: 2000 })).rejects.toBeInstanceOf(RetryableSendError);
  });
});
