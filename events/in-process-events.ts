// Live events inside one process: the default when API and workers share a process. Listeners run
// synchronously in publish(); one listener throwing cannot stop the others from hearing the event.
import type { LiveEvent, LiveEvents } from './types';

export interface InProcessEventsOptions {
  /** Told about listener failures (the logger, in the server). */
  readonly onListenerError?: (error: unknown, event: LiveEvent) => void;
}

export function createInProcessEvents(options: InProcessEventsOptions = {}): LiveEvents {
  return createFanOut(options.onListenerError, async () => {});
}

/**
 * The listener registry both drivers share: `deliver` hands an event to every listener,
 * `send` is how publish() gets an event to `deliver` (directly, or through Redis and back).
 */
export function createFanOut(
  onListenerError: ((error: unknown, event: LiveEvent) => void) | undefined,
  close: () => Promise<void>,
  send?: (event: LiveEvent) => Promise<void>,
): LiveEvents & { deliver(event: LiveEvent): void } {
  const listeners = new Set<(event: LiveEvent) => void>();
  let closed = false;

  const deliver = (event: LiveEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        onListenerError?.(error, event);
      }
    }
  };

  return {
    deliver,
    async publish(event) {
      if (closed) throw new Error('live events are closed: cannot publish');
      if (send) await send(event);
      else deliver(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      await close();
    },
  };
}
