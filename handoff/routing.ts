// Which department queue a ticket goes to: the owner queue the catalog names for the intent.
// Pure. A message the model rejected (out_of_scope) or an intent the catalog no longer knows
// goes to the fallback queue, so no ticket is ever unroutable.
import type { Catalog } from '../bot/intent-schema';

export const FALLBACK_QUEUE = 'general';

export function routeToQueue(intent: string, catalog: Pick<Catalog, 'byId'>, fallback: string = FALLBACK_QUEUE): string {
  return catalog.byId.get(intent)?.owner.queue ?? fallback;
}

/**
 * The department queues a ticket can be in or be transferred to: every queue the catalog's
 * intents name, plus the fallback, sorted. A queue nobody routes to does not exist.
 */
export function departmentQueues(catalog: Pick<Catalog, 'byId'>, fallback: string = FALLBACK_QUEUE): string[] {
  const queues = new Set([fallback]);
  for (const intent of catalog.byId.values()) queues.add(intent.owner.queue);
  return [...queues].sort();
}
