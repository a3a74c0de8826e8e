// GET /dead-letters: what the dead-letter gauge on /metrics counts, item by item — messages and
// replies set aside after failing the same way on every try, and platform events refused as
// given — so a supervisor can see why. Read-only: a retry would need its own safety argument.
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthGuard } from '../accounts/guard';
import type { Redaction } from '../bot/types';
import { countDeadLetters, listDeadLetters, listRejectedEvents } from '../store/dead-letter-repository';
import type { Schema } from '../store/schema';

export interface DeadLetterRoutesDeps {
  readonly db: Kysely<Schema>;
  readonly guard: AuthGuard;
  /** An error message can quote the text a job was working on: it is redacted again on the way out. */
  readonly redact: (text: string) => Redaction;
}

export const deadLetterQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export function deadLetterRoutes(deps: DeadLetterRoutesDeps): Router {
  const router = Router();
  const clean = (text: string | null) => (text === null ? null : deps.redact(text).text);
  router.get('/dead-letters', ...deps.guard.role('supervisor'), async (req, res) => {
    const { limit } = deadLetterQuery.parse(req.query);
    const [counts, items, rejected] = await Promise.all([countDeadLetters(deps.db), listDeadLetters(deps.db, limit), listRejectedEvents(deps.db, limit)]);
    res.json({
      counts,
      items: items.map((d) => ({ ...d, error: clean(d.error), createdAt: d.createdAt.toISOString() })),
      rejected: rejected.map((r) => ({ ...r, reason: deps.redact(r.reason).text, createdAt: r.createdAt.toISOString() })),
    });
  });
  return router;
}
