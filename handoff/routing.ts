// Which department queue a ticket goes to: the owner queue the catalog names for the intent.
// Pure. A message the model rejected (out_of_scope) or an intent the catalog no longer knows
// goes to the fallback queue, so no ticket is ever unroutable.
import type { Catalog } from '../bot/intent-schema';

export const FALLBACK_QUEUE = 'general';

export function routeToQueue(intent: string, catalog: Pick<Catalog, 'byId'>, fallback: string = FALLBACK_QUEUE): string {
  return catalog.byId.get(intent)?.owner.queue ?? fallback;
}
