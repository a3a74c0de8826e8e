// GET /metrics/dashboard: message volumes over time and first-response bands for the dashboard,
// and the ticket figures (first response with waits so far, SLA per priority, per agent).
// Supervisors only (trainer and admin), like /metrics/handoffs.
import { Router } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthGuard } from '../accounts/guard';
import type { Schema } from '../store/schema';
import { BUCKETS, dashboardNumbers } from './dashboard-repository';
import { loadTicketFigures } from './dashboard-figures-repository';
import type { DashboardBody } from './dashboard-figures';
import type { QualityFigures } from './dashboard-quality';
import { loadQualityFigures } from './dashboard-quality-repository';

export interface DashboardRoutesDeps {
  readonly db: Kysely<Schema>;
  readonly guard: AuthGuard;
  readonly now?: () => Date;
}

const MAX_RANGE_DAYS = 92;

/** The query string: the window's start (at most 92 days back; default 7) and the bucket (default day). */
export const dashboardQuery = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  bucket: z.enum(BUCKETS).optional(),
});

export function dashboardRoutes(deps: DashboardRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.get('/metrics/dashboard', ...deps.guard.role('trainer'), async (req, res) => {
    const parsed = dashboardQuery.parse(req.query);
    const floor = new Date(now().getTime() - MAX_RANGE_DAYS * 86_400_000);
    const requested = parsed.since ? new Date(parsed.since) : new Date(now().getTime() - 7 * 86_400_000);
    // A bounded window: an hourly series over years would be a denial of service by query string.
    const since = requested < floor ? floor : requested;
    const bucket = parsed.bucket ?? 'day';
    const [numbers, tickets, quality] = await Promise.all([
      dashboardNumbers(deps.db, since, bucket),
      loadTicketFigures(deps.db, since, now()),
      loadQualityFigures(deps.db, since, now(), bucket),
    ]);
    const body: DashboardBody & { readonly quality: QualityFigures } = { ...numbers, tickets, quality };
    res.json(body);
  });
  return router;
}
