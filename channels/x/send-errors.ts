// twitter-api-v2 errors → SendError, so the outbound job knows whether to retry.
// The library never retries a 429 itself; the reset time comes from the response headers.
import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { PermanentSendError, RetryableSendError, type SendError } from '../../pipeline/send-errors';
import { delayUntilEpochSeconds, type DelayOptions } from '../shared/retry-after';

export interface XErrorContext extends DelayOptions {
  readonly what: 'reply' | 'dm' | 'mentions';
  readonly nowMs: number;
  readonly maxRetryDelayMs: number;
}

/** The reset (epoch s) of whichever window is exhausted: 24 h app/user windows outrank the 15 min one. */
function resetSeconds(err: ApiResponseError): number | undefined {
  const rl = err.rateLimit;
  if (rl?.day && rl.day.remaining <= 0) return rl.day.reset;
  if (rl?.userDay && rl.userDay.remaining <= 0) return rl.userDay.reset;
  if (rl && Number.isFinite(rl.reset)) return rl.reset;
  const header = Number(err.headers?.['x-rate-limit-reset']);
  return Number.isFinite(header) && header > 0 ? header : undefined;
}

export function toSendError(err: unknown, ctx: XErrorContext): SendError {
  if (err instanceof ApiResponseError) {
    const status = err.code;
    if (err.rateLimitError) {
      const reset = resetSeconds(err);
      // No reset header: wait one 15-minute window, X's usual period.
      const delay = reset === undefined ? 15 * 60_000 : delayUntilEpochSeconds(reset, ctx.nowMs, ctx);
      if (delay > ctx.maxRetryDelayMs) {
        return new PermanentSendError(`X ${ctx.what} rate limited until ${new Date(ctx.nowMs + delay).toISOString()}, beyond the retry cap`, 'rate_limited', {
          cause: err,
        });
      }
      return new RetryableSendError(`X ${ctx.what} rate limited (HTTP ${status})`, delay, { cause: err });
    }
    if (status >= 500) return new RetryableSendError(`X ${ctx.what} failed with HTTP ${status}`, undefined, { cause: err });
    if (status === 401 || err.isAuthError) return new PermanentSendError(`X rejected our credentials (HTTP ${status})`, 'auth', { cause: err });
    if (status === 403) {
      // Reply not allowed, duplicate text, or the citizen's DM settings / a block: a person must look.
      const reason = ctx.what === 'dm' ? 'dm_not_allowed' : 'reply_forbidden';
      return new PermanentSendError(`X refused the ${ctx.what} (HTTP 403): ${detailOf(err)}`, reason, { cause: err });
    }
    return new PermanentSendError(`X ${ctx.what} failed with HTTP ${status}: ${detailOf(err)}`, 'rejected', { cause: err });
  }
  if (err instanceof ApiRequestError) {
    // requestError is typed as always set but is undefined for some socket failures.
    const why = (err.requestError as Error | undefined)?.message ?? err.message;
    return new RetryableSendError(`X ${ctx.what} request failed: ${why}`, undefined, { cause: err });
  }
  return new RetryableSendError(`X ${ctx.what} failed: ${(err as Error)?.message ?? String(err)}`, undefined, { cause: err });
}

function detailOf(err: ApiResponseError): string {
  const data = err.data as { detail?: unknown; title?: unknown } | undefined;
  return String(data?.detail ?? data?.title ?? 'no detail');
}
