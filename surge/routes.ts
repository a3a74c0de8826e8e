// The surge API, mounted under /api/v1:
//   GET    /surges?status=open|closed     surges, newest first (agents and supervisors)
//   GET    /surges/:id                    one surge
//   POST   /surges/:id/pinned-answer      set or edit the pinned answer (supervisor)
//   DELETE /surges/:id/pinned-answer      withdraw it (supervisor)
//   GET    /surges/:id/broadcast          preview: how many waiting citizens a broadcast would answer
//   POST   /surges/:id/broadcast          answer them all with the pinned answer (supervisor)
//   GET    /surges/:id/tickets            the surge's group of waiting tickets (console)
//   POST   /surges/:id/reply              an agent's reply to the whole group
import { Router, type Response } from 'express';
import { z } from 'zod';
import { isOfficialLink } from '../intents/official-sources';
import type { Redaction } from '../bot/types';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';
import { validationError } from '../core/errors';
import type { SurgeRow } from './surge-repository';
import type { SurgeService } from './surge-service';

export interface SurgeRoutesDeps {
  readonly service: SurgeService;
  readonly guard: AuthGuard;
  readonly redact: (text: string) => Redaction;
}

const MAX_ANSWER = 1000;
const link = z.union([
  z.string().transform((url) => ({ label: url.replace(/^https:\/\/|^tel:/, ''), url })),
  z.object({ label: z.string().trim().min(1).max(100), url: z.string() }).strict(),
]);
export const pinnedBody = z
  .object({
    text: z.object({ ko: z.string().trim().min(1).max(MAX_ANSWER), en: z.string().trim().min(1).max(MAX_ANSWER) }).strict(),
    links: z
      .array(link)
      .max(5)
      .default([])
      .refine((links) => links.every((l) => isOfficialLink(l.url)), { message: 'every link must be on the official allow-list (intents/official-sources.ts)' }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export const replyBody = z.object({ text: z.string().trim().min(1).max(4000) }).strict();
export const listQuery = z.object({ status: z.enum(['open', 'closed']).optional() });

export function surgeJson(row: SurgeRow) {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    label: row.label,
    intent: row.intent,
    region: row.region,
    count: row.count,
    ratePerMin: row.rate_per_min,
    baselinePerMin: row.baseline_per_min,
    countsPerMinute: row.per_minute,
    sampleMessageIds: row.sample_message_ids,
    topTerms: row.top_terms,
    regions: row.regions,
    channels: row.channels,
    pinnedAnswer: row.pinned_answer,
  };
}

const actorId = (res: Response) => requireAuthOf(res).user.id;
const idOf = (params: Record<string, unknown>) => String(params.id);

export function surgeRoutes(deps: SurgeRoutesDeps): Router {
  const router = Router();
  const { service, guard } = deps;
  const staff = guard.role('agent', 'supervisor');
  // The dashboard's readers (trainers) see the list too.
  const readers = guard.role('agent', 'supervisor', 'trainer');
  const supervisor = guard.role('supervisor');

  router.get('/surges', ...readers, async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) throw validationError(query.error);
    res.json({ surges: (await service.list(query.data.status)).map(surgeJson) });
  });

  router.get('/surges/:id', ...staff, async (req, res) => {
    res.json(surgeJson(await service.get(idOf(req.params))));
  });

  router.post('/surges/:id/pinned-answer', ...supervisor, async (req, res) => {
    const body = pinnedBody.safeParse(req.body ?? null);
    if (!body.success) throw validationError(body.error);
    const { text, links, expiresAt } = body.data;
    const row = await service.setPinnedAnswer(idOf(req.params), actorId(res), {
      text: { ko: deps.redact(text.ko).text, en: deps.redact(text.en).text },
      links,
      expiresAt: new Date(expiresAt),
    });
    res.json(surgeJson(row));
  });

  router.delete('/surges/:id/pinned-answer', ...supervisor, async (req, res) => {
    res.json(surgeJson(await service.withdrawPinnedAnswer(idOf(req.params), actorId(res))));
  });

  router.get('/surges/:id/broadcast', ...supervisor, async (req, res) => {
    res.json({ count: (await service.waitingGroup(idOf(req.params))).length, preview: true });
  });

  router.post('/surges/:id/broadcast', ...supervisor, async (req, res) => {
    res.json({ count: await service.broadcast(idOf(req.params), actorId(res)) });
  });

  router.get('/surges/:id/tickets', ...staff, async (req, res) => {
    const group = await service.waitingGroup(idOf(req.params));
    res.json({
      count: group.length,
      tickets: group.map((t) => ({ id: t.ticketId, conversationId: t.conversationId, priority: t.priority, text: t.text })),
    });
  });

  router.post('/surges/:id/reply', ...staff, async (req, res) => {
    const body = replyBody.safeParse(req.body ?? null);
    if (!body.success) throw validationError(body.error);
    const text = deps.redact(body.data.text).text;
    res.json({ count: await service.replyToGroup(idOf(req.params), actorId(res), text) });
  });

  return router;
}
