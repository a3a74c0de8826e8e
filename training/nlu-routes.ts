// POST /api/v1/nlu/parse (trainer, admin): what the live bot would do with a message, without
// storing or sending anything. The text is redacted first, exactly as the pipeline stores it
// and triages it, so the answer matches what a citizen would get.
import { sanitizeText } from '../bot/sanitize-text';
import { Router } from 'express';
import { z } from 'zod';
import { redactPii } from '../bot/pii';
import type { ModelRegistry } from './model-registry';
import type { AuthGuard } from '../accounts/guard';

export interface NluRoutesDeps {
  readonly registry: Pick<ModelRegistry, 'triage'>;
  readonly guard: AuthGuard;
  readonly now?: () => Date;
}

export const parseBodySchema = z
  .object({
    text: z.string().overwrite(sanitizeText).trim().min(1).max(4000),
    channel: z.enum(['web', 'x', 'facebook', 'kakao']).default('web'),
    /** A public mention or comment gets the short public reply. */
    isPublic: z.boolean().default(false),
    language: z.enum(['ko', 'en']).optional(),
  })
  .strict();

export function nluRoutes(deps: NluRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.post('/nlu/parse', ...deps.guard.role('trainer'), (req, res) => {
    const body = parseBodySchema.parse(req.body);
    const redaction = redactPii(body.text);
    const decision = deps.registry.triage()(redaction.text, {
      channel: body.channel,
      isPublic: body.isPublic,
      recentOutOfScope: 0,
      now: now(),
      ...(body.language ? { language: body.language } : {}),
    });
    res.json({
      text: redaction.text,
      modelVersion: decision.modelVersion,
      language: decision.language,
      intent: decision.intent,
      confidence: decision.confidence,
      intents: decision.topK,
      entities: decision.entities,
      piiTypes: [...new Set(redaction.findings.map((f) => f.type))],
      action: decision.action,
      reason: decision.reason ?? null,
      reply: decision.reply ?? null,
    });
  });
  return router;
}
