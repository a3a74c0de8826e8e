// Answers are content, not model: a saved answer, link or quick reply is live in every process
// at once. The saving process reloads its catalog before the trainer hears "saved", then says so
// on the live events (in-process, or Redis pub/sub across API and worker processes), and every
// process that hears it reloads too. The registry's periodic reload is the version check that
// catches a process which missed the event. Only examples need training.
import type { LiveEvents } from '../events/types';
import type { ModelRegistry } from './model-registry';

export interface LiveCatalog {
  /** Call after an intent's definition changed in the database. */
  changed(intentId: string): Promise<void>;
  /** Stops listening. */
  stop(): void;
}

export function connectLiveCatalog(
  registry: Pick<ModelRegistry, 'reload'>,
  events: LiveEvents,
  onError: (error: unknown) => void = () => undefined,
): LiveCatalog {
  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'catalog.changed') registry.reload().catch(onError);
  });
  return {
    async changed(intentId) {
      await registry.reload();
      await events.publish({ type: 'catalog.changed', intentId });
    },
    stop: unsubscribe,
  };
}
