// Live events whose Redis connection is still being made. An api started while Redis is down
// must not exit: it serves HTTP, reports not-ready (/readyz checks the job queue), and connects
// here in the background, retrying. Subscribers registered meanwhile start hearing events once
// connected; publishing before that fails (publishers treat live events as best effort).
import { createFanOut } from './in-process-events';
import type { LiveEvent, LiveEvents } from './types';

export interface BackgroundEventsOptions {
  readonly retryMs: number;
  readonly onListenerError?: (error: unknown, event: LiveEvent) => void;
  readonly onRetry?: (error: unknown) => void;
  readonly onConnected?: () => void;
}

export function connectInBackground(open: () => Promise<LiveEvents>, options: BackgroundEventsOptions): LiveEvents {
  let inner: LiveEvents | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const local = createFanOut(options.onListenerError, async () => {});
  // Conversation subscriptions made before Redis answers: attached to it once connected.
  const pending = new Set<(events: LiveEvents) => void>();

  const attempt = async () => {
    try {
      const events = await open();
      if (closed) return void (await events.close());
      events.subscribe((event) => local.deliver(event));
      inner = events;
      for (const attach of [...pending]) attach(events);
      pending.clear();
      options.onConnected?.();
    } catch (error) {
      if (closed) return;
      options.onRetry?.(error);
      timer = setTimeout(() => void attempt(), options.retryMs);
      timer.unref();
    }
  };
  void attempt();

  return {
    async publish(event) {
      if (!inner) throw new Error('live events: not connected to Redis yet');
      await inner.publish(event);
    },
    subscribe: (listener) => local.subscribe(listener),
    async subscribeConversation(conversationId, listener) {
      let off: (() => void) | undefined;
      let gone = false;
      const attach = (events: LiveEvents) => {
        void events.subscribeConversation(conversationId, listener).then(
          (unsubscribe) => (gone ? unsubscribe() : (off = unsubscribe)),
          (error: unknown) => options.onRetry?.(error),
        );
      };
      if (inner) off = await inner.subscribeConversation(conversationId, listener);
      else pending.add(attach);
      return () => {
        gone = true;
        pending.delete(attach);
        off?.();
      };
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await local.close();
      await inner?.close();
    },
  };
}
