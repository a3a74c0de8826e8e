// Validates a platform payload's shape with zod and turns the first problems into one readable
// BadPayloadError ("entry.0.messaging.1.sender.id: expected string"), answered as 400.
import type { z } from 'zod';
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
