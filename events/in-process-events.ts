// Live events inside one process: the default when API and workers share a process. Listeners run
// synchronously in publish(); one listener throwing cannot stop the others from hearing the event.
import { conversationOf, type ConversationEvent, type LiveEvent, type LiveEvents } from './types';

export interface InProcessEventsOptions {
  /** Told about listener failures (the logger, in the server). */
  readonly onListenerError?: (error: unknown, event: LiveEvent) => void;
}

export function createInProcessEvents(options: InProcessEventsOptions = {}): LiveEvents {
  return createFanOut(options.onListenerError, async () => {});
}

export interface FanOut extends LiveEvents {
  /** Hands an event to the listeners of every event. */
  deliver(event: LiveEvent): void;
  /** Hands an event to the listeners of its conversation only. */
  deliverToConversation(event: LiveEvent): void;
}

/**
 * The listener registry every driver shares. `send` is how publish() gets an event out (through
 * Redis and back); without it publish() delivers here directly. `watch` is told when a
 * conversation gets its first listener (true) or loses its last (false): the Redis driver
 * subscribes to that conversation's channel then.
 */
export function createFanOut(
  onListenerError: ((error: unknown, event: LiveEvent) => void) | undefined,
  close: () => Promise<void>,
  send?: (event: LiveEvent) => Promise<void>,
  watch?: (conversationId: string, on: boolean) => Promise<void>,
): FanOut {
  const listeners = new Set<(event: LiveEvent) => void>();
  const conversations = new Map<string, { listeners: Set<(event: ConversationEvent) => void>; ready: Promise<void> }>();
  let closed = false;

  const run = <E extends LiveEvent>(targets: Iterable<(event: E) => void>, event: E) => {
    for (const listener of [...targets]) {
      try {
        listener(event);
      } catch (error) {
        onListenerError?.(error, event);
      }
    }
  };
  const deliver = (event: LiveEvent) => run(listeners, event);
  const deliverToConversation = (event: LiveEvent) => {
    const id = conversationOf(event);
    const watched = id === undefined ? undefined : conversations.get(id);
    if (watched) run(watched.listeners, event as ConversationEvent);
  };

  return {
    deliver,
    deliverToConversation,
    async publish(event) {
      if (closed) throw new Error('live events are closed: cannot publish');
      if (send) return send(event);
      deliver(event);
      deliverToConversation(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async subscribeConversation(conversationId, listener) {
      let watched = conversations.get(conversationId);
      if (!watched) {
        watched = { listeners: new Set(), ready: watch?.(conversationId, true) ?? Promise.resolve() };
        conversations.set(conversationId, watched);
      }
      const entry = watched;
      entry.listeners.add(listener);
      const unsubscribe = () => {
        if (!entry.listeners.delete(listener) || entry.listeners.size > 0) return;
        if (conversations.get(conversationId) === entry) conversations.delete(conversationId);
        void watch?.(conversationId, false).catch(() => {});
      };
      try {
        await entry.ready;
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      conversations.clear();
      await close();
    },
  };
}
