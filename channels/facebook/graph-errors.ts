// Graph API error bodies → SendError (channels.md §2.5).
// Body: {"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}.
import { PermanentSendError, RetryableSendError, type SendError } from '../../pipeline/send-errors';
import type { JsonResponse } from '../shared/http-json';
import { delayFromRetryAfter } from '../shared/retry-after';

interface GraphError {
  readonly message?: string;
  readonly code?: number;
  readonly error_subcode?: number;
  readonly is_transient?: boolean;
  readonly fbtrace_id?: string;
}

/** Rate-limit codes: 4 app, 17 user, 32 page, 613 calls per time window. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

const PERMANENT: readonly { code: number; subcode?: number; reason: string; why: string }[] = [
  { code: 10, subcode: 2018278, reason: 'window_closed', why: 'outside the messaging window' },
  { code: 10, subcode: 2018300, reason: 'thread_owned_by_other_app', why: 'another app controls the thread' },
  { code: 551, reason: 'user_unavailable', why: 'the person is not available' },
  { code: 190, reason: 'token_invalid', why: 'the Page access token is invalid or expired' },
  { code: 10900, reason: 'already_replied', why: 'this comment already had its private reply' },
  { code: 10903, reason: 'user_cannot_reply', why: 'the person cannot receive a private reply' },
];

export function graphErrorOf(body: unknown): GraphError | undefined {
  const err = (body as { error?: unknown } | undefined)?.error;
  return err && typeof err === 'object' ? (err as GraphError) : undefined;
}

/** Minutes until access returns, from Meta's X-Business-Use-Case-Usage header, in ms. */
export function bucDelayMs(header: string | null): number | undefined {
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: number }[]>;
    const minutes = Object.values(usage)
      .flat()
      .map((u) => u.estimated_time_to_regain_access ?? 0);
    const max = Math.max(0, ...minutes);
    return max > 0 ? max * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

export function toGraphSendError(res: JsonResponse, what: string, options: { readonly nowMs: number; readonly defaultRateLimitDelayMs: number }): SendError {
  const err = graphErrorOf(res.body);
  const label = `Graph ${what} failed (HTTP ${res.status}${err?.code ? `, code ${err.code}` : ''}${err?.error_subcode ? `/${err.error_subcode}` : ''})`;
  if (res.status === 429 || (err?.code !== undefined && RATE_LIMIT_CODES.has(err.code))) {
    const delay =
      delayFromRetryAfter(res.headers.get('retry-after'), options.nowMs) ??
      bucDelayMs(res.headers.get('x-business-use-case-usage')) ??
      options.defaultRateLimitDelayMs;
    return new RetryableSendError(`${label}: rate limited`, delay);
  }
  const known = PERMANENT.find((p) => p.code === err?.code && (p.subcode === undefined || p.subcode === err?.error_subcode));
  if (known) return new PermanentSendError(`${label}: ${known.why}`, known.reason);
  if (res.status >= 500 || err?.is_transient) return new RetryableSendError(`${label}: ${err?.message ?? 'server error'}`);
  return new PermanentSendError(`${label}: ${err?.message ?? 'rejected'}`, 'rejected');
}
