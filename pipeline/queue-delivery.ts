// Queues the `outbound` job of freshly written outbox rows. On channels that answer inline (the
// Kakao skill answers in its HTTP response) the job is held back: started at once, it would race
// the route for the row, win, and then find no way to reach the citizen (Kakao has no push API
// without a callback URL), so the reply would be lost as no_push_channel. Held, it runs after the
// route has claimed the row and finds it sent; if the route never claims it, it is the fallback.
// Each channel has its own send lane (pipeline/deps.ts DEFAULT_SEND_LANES).
import type { ChannelId } from './channel';
import { DEFAULT_INLINE_DELIVERY, type PipelineDeps } from './deps';

export async function queueDelivery(deps: PipelineDeps, channel: ChannelId, outboxIds: readonly string[]): Promise<void> {
  const holdMs = (deps.inlineDelivery ?? DEFAULT_INLINE_DELIVERY)[channel]?.holdMs ?? 0;
  for (const outboxId of outboxIds) {
    await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId, lane: channel, ...(holdMs > 0 ? { delayMs: holdMs } : {}) });
  }
}
