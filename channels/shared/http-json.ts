// A small fetch wrapper for the senders that speak plain JSON over HTTP (Graph API, Kakao
// callback). Network failures and timeouts become RetryableSendError: the reply was not delivered.
import { RetryableSendError } from '../../pipeline/send-errors';

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  readonly body: unknown;
}

export async function postJson(
  url: string,
  payload: unknown,
  options: { readonly timeoutMs: number; readonly headers?: Record<string, string> },
): Promise<JsonResponse> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    throw new RetryableSendError(`request to ${redactUrl(url)} failed: ${(err as Error).message}`, undefined, {
      cause: err,
    });
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (an HTML error page from a proxy): keep the text for the error message.
  }
  return { status: res.status, headers: res.headers, body };
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
