// Feeds the metrics from the seams the server composes, so the pipeline and triage stay free of
// metrics code: ingest counts new inbound messages, the bound triage function times itself and
// counts decisions, and the job queue depth is read at scrape time.
import type { JobQueue } from '../jobs/types';
import type { MessagePipeline, TriageFn } from '../pipeline/types';
import type { MetricsRegistry } from './metrics';

export function instrumentTriage(triage: TriageFn, metrics: MetricsRegistry): TriageFn {
  return (text, conversation) => {
    const started = process.hrtime.bigint();
    const decision = triage(text, conversation);
    metrics.triageDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    metrics.decisions.inc({ action: decision.action });
    return decision;
  };
}

/** The same pipeline object with ingest counted (duplicates are not new messages). */
export function instrumentPipeline<P extends MessagePipeline>(pipeline: P, metrics: MetricsRegistry): P {
  const ingest: MessagePipeline['ingest'] = async (message, options) => {
    const result = await pipeline.ingest(message, options);
    if (!result.duplicate) metrics.messagesIn.inc({ channel: message.channel });
    return result;
  };
  // A proxy rather than a copy: the pipeline may be a class instance with private state.
  return new Proxy(pipeline, {
    get(target, property) {
      if (property === 'ingest') return ingest;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function collectQueueDepth(jobs: Pick<JobQueue, 'depth'>, metrics: MetricsRegistry): void {
  metrics.onCollect(async () => {
    const depth = await jobs.depth();
    for (const [queue, count] of Object.entries(depth)) metrics.jobQueueDepth.set({ queue }, count);
  });
}
