// /canned-responses: every agent reads them (the reply box's `/` picker); trainers and admins
// create, edit and delete them. A text may only name the known variables ({citizen_name}…).
import { Router, type Response } from 'express';
import { z } from 'zod';
import { sanitizeText } from '../bot/sanitize-text';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';
import type { CannedResponse } from './canned-response-repository';
import type { CannedResponses } from './canned-responses';
import { CANNED_VARIABLES, unknownVariables } from './canned-variables';

const MAX_TEXT = 2000;

const cannedText = z
  .string()
  .overwrite(sanitizeText)
  .trim()
  .min(1)
  .max(MAX_TEXT)
  .refine((text) => unknownVariables(text).length === 0, {
    error: (issue) =>
      `unknown variable ${unknownVariables(String(issue.input))
        .map((v) => `{${v}}`)
        .join(', ')}; use ${CANNED_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
  });

export const cannedBody = z
  .object({
    title: z.string().overwrite(sanitizeText).trim().min(1).max(100),
    text: z.object({ ko: cannedText, en: cannedText }).strict(),
  })
  .strict();

export const cannedJson = (c: CannedResponse) => ({ ...c, updatedAt: c.updatedAt.toISOString() });

export function cannedRoutes(service: CannedResponses, guard: AuthGuard): Router {
  const router = Router();
  const supervisor = guard.role('trainer');
  const actor = (res: Response) => requireAuthOf(res).user.id;

  router.get('/canned-responses', ...guard.role('agent', 'trainer', 'supervisor'), async (_req, res) => {
    res.json({ cannedResponses: (await service.list()).map(cannedJson), variables: CANNED_VARIABLES });
  });
  router.post('/canned-responses', ...supervisor, async (req, res) => {
    res.status(201).json({ cannedResponse: cannedJson(await service.create(actor(res), cannedBody.parse(req.body))) });
  });
  router.put('/canned-responses/:id', ...supervisor, async (req, res) => {
    res.json({ cannedResponse: cannedJson(await service.update(actor(res), String(req.params.id), cannedBody.parse(req.body))) });
  });
  router.delete('/canned-responses/:id', ...supervisor, async (req, res) => {
    await service.remove(actor(res), String(req.params.id));
    res.status(204).end();
  });
  return router;
}
