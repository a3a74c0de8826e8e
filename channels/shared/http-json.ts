// A small JSON-over-HTTP client for the senders that speak plain JSON (Graph API, Kakao
// callback). Network failures and timeouts become RetryableSendError: the reply was not delivered.
// node:http with keep-alive agents rather than fetch: on a disaster day each reply is one request,
// and fetch's streams and abort signals cost about as much CPU per request as the rest of the send.
import http from 'node:http';
import https from 'node:https';
import { RetryableSendError } from '../../pipeline/send-errors';

export interface JsonResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** Parsed JSON, or the raw text when the body is not JSON. */
  readonly body: unknown;
}

/** One pool of kept-alive connections per protocol, shared by every sender in the process. */
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
} as const;

export async function postJson(
  url: string,
  payload: unknown,
  options: { readonly timeoutMs: number; readonly headers?: Record<string, string> },
): Promise<JsonResponse> {
  const fail = (err: Error) =>
    new RetryableSendError(`request to ${redactUrl(url)} failed: ${err.message}`, undefined, {
      cause: err,
    });
  let target: URL;
  try {
    target = new URL(url);
  } catch (err) {
    throw fail(err as Error);
  }
  const protocol = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
  if (!protocol) throw fail(new Error(`unsupported protocol ${target.protocol}`));
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const { status, headers, text } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = protocol.request(
      target,
      {
        method: 'POST',
        agent: AGENTS[target.protocol as keyof typeof AGENTS],
        headers: { 'content-type': 'application/json', 'content-length': body.length, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(fail(err)));
      },
    );
    // One bound on the whole exchange (connecting, sending, the answer), as fetch's signal gave.
    const deadline = setTimeout(() => req.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (err) => reject(fail(err)));
    req.end(body);
  });
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML error page from a proxy): keep the text for the error message.
  }
  return { status, headers: { get: (name) => headerValue(headers[name.toLowerCase()]) }, body: parsed };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Drops query strings (access tokens) and one-time path tokens' tails from URLs put in errors. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/callback\/[^/]+$/, '/callback/…')}`;
  } catch {
    return '<invalid url>';
  }
}
