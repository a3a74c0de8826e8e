// Validates a platform payload's shape with zod and turns the first problems into one readable
// BadPayloadError ("entry.0.messaging.1.sender.id: expected string"), answered as 400.
import type { z } from 'zod';
import type { ChannelId, InboundMessage, ParsedDelivery } from '../../pipeline/channel';
import { BadPayloadError } from './raw-json';

export function parseShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
  throw new BadPayloadError(`${what}: ${problems}`);
}

/**
 * Parses each event of a delivery on its own: one whose shape is wrong (BadPayloadError) is
 * refused with its reason and id, and the others of the delivery are kept.
 */
export function parseEachEvent(
  channel: ChannelId,
  events: readonly unknown[],
  parse: (raw: unknown, index: number) => InboundMessage[],
  idOf: (raw: unknown) => string | null,
  into: ParsedDelivery,
): void {
  events.forEach((raw, index) => {
    try {
      into.messages.push(...parse(raw, index));
    } catch (error) {
      if (!(error instanceof BadPayloadError)) throw error;
      into.rejected.push({ channel, externalId: idOf(raw), reason: error.message });
    }
  });
}

/** A non-empty string found at `path` inside an unchecked value (the id a refused event is recorded under), else null. */
export function stringAt(value: unknown, ...path: string[]): string | null {
  let at = value;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' && at !== '' ? at : null;
}

/** `prefix` + id, or null when there is no id: a refused event's id in the form its channel stores ids. */
export const withPrefix = (prefix: string, id: string | null): string | null => (id === null ? null : `${prefix}${id}`);
