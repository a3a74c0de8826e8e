// A tiny stand-in for the outbound job's retry loop: retries RetryableSendError, records the
// delays the sender asked for, and stops at PermanentSendError or after `attempts`.
import { RetryableSendError } from '../../../pipeline/send-errors';
import type { ChannelSender, OutboundReply, SendResult } from '../../../pipeline/channel';

export interface RetryRun {
  readonly result: SendResult;
  readonly attempts: number;
  readonly delays: readonly (number | undefined)[];
}

export async function sendWithRetries(
  sender: ChannelSender,
  reply: OutboundReply,
  options: { readonly attempts?: number; readonly sleep?: (ms: number) => Promise<void> } = {},
): Promise<RetryRun> {
  const attempts = options.attempts ?? 5;
  const sleep = options.sleep ?? (async () => undefined);
  const delays: (number | undefined)[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await sender.send(reply), attempts: attempt, delays };
    } catch (err) {
      if (!(err instanceof RetryableSendError) || attempt >= attempts) throw err;
      delays.push(err.retryAfterMs);
      await sleep(err.retryAfterMs ?? 0);
    }
  }
}
