// Shared by the webhook routes: store every parsed message, one at a time so that the pipeline
// sees them in platform order, and report how many were new. Each event stands alone: one the
// pipeline refuses (recorded as rejected, with its reason) never stops the others from being
// stored, and never makes the delivery a 5xx the platform would resend forever.
import type { InboundMessage, ParsedDelivery } from '../../pipeline/channel';
import { InvalidInboundError } from '../../pipeline/ingest';
import type { IngestResult, MessagePipeline } from '../../pipeline/types';

export interface IngestSummary {
  readonly received: number;
  readonly duplicates: number;
  /** Events refused as given (see rejected_events). */
  readonly rejected: number;
  readonly results: readonly IngestResult[];
}

export async function ingestAll(pipeline: MessagePipeline, delivery: ParsedDelivery, options: { readonly enqueue: boolean }): Promise<IngestSummary> {
  // Events whose shape was already wrong at parsing are recorded first; they hold nothing to store.
  for (const event of delivery.rejected) await pipeline.rejectEvent(event);
  const messages = delivery.messages;
  // An invalid timestamp sorts last rather than poisoning the order of the others.
  const time = (m: InboundMessage) => (m.sentAt instanceof Date && !Number.isNaN(m.sentAt.getTime()) ? m.sentAt.getTime() : Infinity);
  const ordered = [...messages].sort((a, b) => time(a) - time(b));
  const results: IngestResult[] = [];
  let rejected = delivery.rejected.length;
  for (const message of ordered) {
    try {
      results.push(await pipeline.ingest(message, { enqueue: options.enqueue }));
    } catch (error) {
      if (!(error instanceof InvalidInboundError)) throw error; // ours (database down…): the platform retries
      rejected += 1;
    }
  }
  return { received: results.length, duplicates: results.filter((r) => r.duplicate).length, rejected, results };
}
