// The web chat's feedback API, mounted under /api/v1; every route needs the conversation's token:
//   GET  /conversations/:id/feedback                      the pending CSAT request (after a resolve), or null
//   POST /conversations/:id/ratings                       { ticketId, score 1–5, comment? }: the one-tap CSAT
//   POST /conversations/:id/answers/:messageId/feedback   { helpful }: "Was this helpful?" on the bot's
//                                                         answer to that citizen message; 👎 offers an agent
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { sanitizeText } from '../../bot/sanitize-text';
import { validationError } from '../../core/errors';
import type { FeedbackPort } from '../../pipeline/feedback-port';
import { authorize } from './routes';
import type { AccessTokens } from './verify';

export interface WebFeedbackDeps {
  readonly feedback: FeedbackPort;
  readonly tokens: AccessTokens;
  /** The web chat's write limit (a rating is a write like a message). */
  readonly postLimit?: RequestHandler;
}

const id = z.string().min(1).max(128);
export const ratingBody = z
  .object({
    ticketId: id,
    score: z.number().int().min(1).max(5),
    comment: z.string().overwrite(sanitizeText).trim().max(1000).optional().describe('Optional; PII-redacted before it is stored'),
  })
  .strict();
export const answerFeedbackBody = z.object({ helpful: z.boolean() }).strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? null);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function webFeedbackRoutes(deps: WebFeedbackDeps): Router {
  const router = Router();
  const limit: RequestHandler = deps.postLimit ?? ((_req, _res, next) => next());

  router.get('/conversations/:id/feedback', async (req, res) => {
    const conversationId = authorize(req, deps.tokens);
    res.json({ rating: await deps.feedback.pendingRating(conversationId) });
  });

  router.post('/conversations/:id/ratings', limit, async (req, res) => {
    const conversationId = authorize(req, deps.tokens);
    const body = parse(ratingBody, req.body);
    await deps.feedback.rateTicket(conversationId, { ticketId: body.ticketId, score: body.score, ...(body.comment ? { comment: body.comment } : {}) });
    res.status(201).json({ ticketId: body.ticketId, score: body.score });
  });

  router.post('/conversations/:id/answers/:messageId/feedback', limit, async (req, res) => {
    const conversationId = authorize(req, deps.tokens);
    const messageId = parse(id, req.params.messageId);
    const { helpful } = parse(answerFeedbackBody, req.body);
    res.json(await deps.feedback.rateAnswer(conversationId, messageId, helpful));
  });

  return router;
}
