// The agent API: the ticket queue and every action on a ticket, plus GET /metrics/handoffs.
// Every route checks the role; state changes over a cookie session also need the CSRF header.
import { sanitizeText } from '../bot/sanitize-text';
import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { handoffMetrics } from './metrics-repository';
import { PRIORITIES } from './priority';
import { ticketJson, type Ticket } from './ticket';
import type { TicketRepository } from './ticket-repository';
import { QUEUE_VIEWS, QueueViewRepository } from './queue-view-repository';
import { TICKET_STATUSES, type Actor, type TicketStatus } from './ticket-rules';
import type { TicketService } from './ticket-service';
import { toStoredMessage } from '../store/stored-message';
import { listConversationMessages } from '../store/message-repository';
import type { Schema } from '../store/schema';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';

export interface HandoffRoutesDeps {
  readonly db: Kysely<Schema>;
  readonly tickets: TicketRepository;
  readonly service: TicketService;
  readonly guard: AuthGuard;
  readonly now?: () => Date;
}

const MAX_TEXT = 4000;
export const textBody = z.object({ text: z.string().overwrite(sanitizeText).trim().min(1).max(MAX_TEXT) }).strict();
export const relabelBody = z
  .object({ intent: z.string().min(1).max(100), messageId: z.string().min(1).max(64).optional().describe('Default: the message that opened the ticket') })
  .strict();
export const transferBody = z
  .object({ queue: z.string().trim().min(1).max(64).optional(), agentId: z.string().min(1).max(64).optional() })
  .strict()
  .refine((b) => b.queue !== undefined || b.agentId !== undefined, { message: 'give a queue or an agentId' })
  .describe('At least one of queue, agentId.');
export const resolveBody = z
  .object({ keepThread: z.boolean().optional().describe('Reopen this ticket (to this agent) on a message within the reopen window') })
  .strict();
export const priorityBody = z.object({ priority: z.enum(PRIORITIES) }).strict();
const listQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const wanted = s.split(',').map((p) => p.trim());
      const bad = wanted.filter((p) => !(TICKET_STATUSES as readonly string[]).includes(p));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}; use ${TICKET_STATUSES.join(', ')}` });
      return wanted as TicketStatus[];
    }),
  queue: z.string().min(1).max(64).optional(),
  assignee: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
const viewQuery = z.object({
  view: z.enum(QUEUE_VIEWS).default('open'),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export const snoozeBody = z.object({ until: z.iso.datetime({ offset: true }).nullable() }).strict();
const metricsQuery = z.object({ since: z.iso.datetime({ offset: true }).optional() });

function actorOf(res: Response): Actor {
  const { user } = requireAuthOf(res);
  return { id: user.id, roles: user.roles };
}

export function handoffRoutes(deps: HandoffRoutesDeps): Router {
  const router = Router();
  const agent = deps.guard.role('agent');
  const now = deps.now ?? (() => new Date());
  const { service } = deps;
  const answer = (res: Response, ticket: Ticket, status = 200) => res.status(status).json({ ticket: ticketJson(ticket, now()) });

  router.get('/handoffs', ...agent, async (req, res) => {
    const query = listQuery.parse(req.query);
    const assignee = query.assignee === 'me' ? actorOf(res).id : query.assignee;
    const tickets = await deps.tickets.list({ status: query.status ?? ['waiting', 'assigned'], queue: query.queue, assignee, limit: query.limit });
    res.json({ tickets: tickets.map((t) => ({ ...ticketJson(t, now()), card: t.card })) });
  });

  // The console's views with their counts, optionally searched; each row previews the latest message.
  const views = new QueueViewRepository(deps.db);
  router.get('/handoffs/views', ...agent, async (req, res) => {
    const query = viewQuery.parse(req.query);
    const actorId = actorOf(res).id;
    const at = now();
    const [rows, counts] = await Promise.all([
      views.list({ view: query.view, actorId, now: at, search: query.q, limit: query.limit }),
      views.counts(actorId, at),
    ]);
    res.json({
      view: query.view,
      counts,
      tickets: rows.map((r) => ({ ...ticketJson(r.ticket, at), card: r.ticket.card, latest: r.latest && { ...r.latest, at: r.latest.at.toISOString() } })),
    });
  });

  router.post('/handoffs/:id/snooze', ...agent, async (req, res) => {
    const { until } = snoozeBody.parse(req.body);
    answer(res, await service.snooze(String(req.params.id), actorOf(res), until === null ? null : new Date(until)));
  });

  // Where a ticket can be transferred: the configured department queues and the enabled agents.
  router.get('/handoffs/targets', ...agent, async (_req, res) => {
    res.json({ queues: service.queues(), agents: await deps.tickets.listAgents() });
  });

  router.get('/handoffs/:id', ...agent, async (req, res) => {
    const ticket = await service.get(String(req.params.id));
    const [messages, notes] = await Promise.all([listConversationMessages(deps.db, ticket.conversationId), service.notes(ticket.id)]);
    res.json({ ticket: ticketJson(ticket, now()), card: ticket.card, transcript: messages.map(toStoredMessage), notes });
  });

  router.post('/handoffs/:id/claim', ...agent, async (req, res) => {
    answer(res, await service.claim(String(req.params.id), actorOf(res)));
  });

  router.post('/handoffs/:id/messages', ...agent, async (req, res) => {
    const { text } = textBody.parse(req.body);
    const result = await service.reply(String(req.params.id), actorOf(res), text);
    res.status(202).json({ ticket: ticketJson(result.ticket, now()), outboxId: result.outboxId, redacted: result.redacted });
  });

  router.post('/handoffs/:id/notes', ...agent, async (req, res) => {
    const { text } = textBody.parse(req.body);
    const note = await service.addNote(String(req.params.id), actorOf(res), text);
    res.status(201).json({ note: { id: note.id, text: note.text, createdAt: note.createdAt.toISOString() } });
  });

  router.post('/handoffs/:id/resolve', ...agent, async (req, res) => {
    const { keepThread } = resolveBody.parse(req.body ?? {});
    answer(res, await service.resolve(String(req.params.id), actorOf(res), { keepThread }));
  });

  router.post('/handoffs/:id/return-to-bot', ...agent, async (req, res) => {
    answer(res, await service.returnToBot(String(req.params.id), actorOf(res)));
  });

  router.post('/handoffs/:id/transfer', ...agent, async (req, res) => {
    const target = transferBody.parse(req.body);
    answer(res, await service.transfer(String(req.params.id), actorOf(res), target));
  });

  router.post('/handoffs/:id/priority', ...agent, async (req, res) => {
    const { priority } = priorityBody.parse(req.body);
    answer(res, await service.setPriority(String(req.params.id), actorOf(res), priority));
  });

  router.post('/handoffs/:id/relabel', ...agent, async (req, res) => {
    const { intent, messageId } = relabelBody.parse(req.body);
    const result = await service.relabel(String(req.params.id), actorOf(res), intent, messageId);
    res.status(201).json(result);
  });

  // Supervisors' numbers: trainers and admins.
  router.get('/metrics/handoffs', ...deps.guard.role('trainer'), async (req, res) => {
    const { since } = metricsQuery.parse(req.query);
    const from = since ? new Date(since) : new Date(now().getTime() - 7 * 24 * 3_600_000);
    res.json(await handoffMetrics(deps.db, from));
  });

  return router;
}
