// Send failures, classified so the outbound job knows what to do with them.

export class SendError extends Error {
  override name = 'SendError';
}

/** Temporary (5xx, network, 429): retry later. `retryAfterMs` is set when the platform said when. */
export class RetryableSendError extends SendError {
  override name = 'RetryableSendError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Will never succeed as is (403 blocked, outside the messaging window, bad token): dead-letter it. */
export class PermanentSendError extends SendError {
  override name = 'PermanentSendError';
  constructor(
    message: string,
    /** Short machine-readable reason shown to agents, e.g. 'window_closed', 'blocked'. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
