// GET /api/openapi.json. The groups are passed in so the trainer's group (server/openapi/
// trainer-paths.ts, when present) is merged by whoever composes the app.
import { cannedPaths } from './canned-paths';
import { Router } from 'express';
import { authPaths } from './auth-paths';
import { contactPaths } from './contact-paths';
import { dashboardPaths } from './dashboard-paths';
import { deadLetterPaths } from './dead-letter-paths';
import { buildOpenApiDocument, type OpenApiGroup } from './document';
import { handoffPaths } from './handoff-paths';

export const CORE_GROUPS: readonly OpenApiGroup[] = [authPaths, handoffPaths, cannedPaths, contactPaths, deadLetterPaths, dashboardPaths];

export function openApiRoutes(groups: readonly OpenApiGroup[] = CORE_GROUPS): Router {
  // Built once at start: a duplicate or clash fails the start, not a request.
  const document = buildOpenApiDocument(groups);
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return router;
}
