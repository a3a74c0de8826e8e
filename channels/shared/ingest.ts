// Shared by the webhook routes: store every parsed message, one at a time so that the pipeline
// sees them in platform order, and report how many were new.
import type { InboundMessage } from '../../pipeline/channel';
import type { IngestResult, MessagePipeline } from '../../pipeline/types';

export interface IngestSummary {
  readonly received: number;
  readonly duplicates: number;
  readonly results: readonly IngestResult[];
}

export async function ingestAll(
  pipeline: MessagePipeline,
  messages: readonly InboundMessage[],
  options: { readonly enqueue: boolean },
): Promise<IngestSummary> {
  const ordered = [...messages].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  const results: IngestResult[] = [];
  for (const message of ordered) results.push(await pipeline.ingest(message, { enqueue: options.enqueue }));
  return { received: results.length, duplicates: results.filter((r) => r.duplicate).length, results };
}
