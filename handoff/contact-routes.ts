// The contact panel's API, for agents:
//   GET    /contacts/:id/history            the contact's conversations and tickets on every linked channel
//   GET    /handoffs/:id/contact-history    the same, for the contact of a ticket
//   POST   /contacts/:id/links              an agent confirms another identity is this citizen (audited)
//   DELETE /contacts/:id/links/:otherId     undoes a direct link (audited)
import { Router, type Response } from 'express';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireAuthOf, type AuthGuard } from '../accounts/guard';
import type { AuditLog } from '../store/audit-repository';
import type { Schema } from '../store/schema';
import { ContactHistoryRepository } from './contact-history-repository';
import { ContactHistoryService } from './contact-history';

export interface ContactRoutesDeps {
  readonly db: Kysely<Schema>;
  readonly audit: AuditLog;
  readonly guard: AuthGuard;
}

const id = z.string().min(1).max(64);
const params = z.object({ id });
const unlinkParams = z.object({ id, otherId: id });
export const linkBody = z
  .object({
    contactId: id.optional().describe('The other identity'),
    ticketId: id.optional().describe("Or a ticket of the other identity: its conversation's contact"),
  })
  .strict()
  .refine((b) => (b.contactId === undefined) !== (b.ticketId === undefined), { message: 'give exactly one of contactId, ticketId' })
  .describe('Exactly one of contactId, ticketId.');

const actorId = (res: Response) => requireAuthOf(res).user.id;

export function contactRoutes(deps: ContactRoutesDeps): Router {
  const router = Router();
  const agent = deps.guard.role('agent');
  const service = new ContactHistoryService(new ContactHistoryRepository(deps.db), deps.audit);

  router.get('/contacts/:id/history', ...agent, async (req, res) => {
    res.json(await service.history(params.parse(req.params).id));
  });

  router.get('/handoffs/:id/contact-history', ...agent, async (req, res) => {
    res.json(await service.forTicket(params.parse(req.params).id));
  });

  router.post('/contacts/:id/links', ...agent, async (req, res) => {
    const target = linkBody.parse(req.body);
    res.status(201).json(await service.link(params.parse(req.params).id, target, actorId(res)));
  });

  router.delete('/contacts/:id/links/:otherId', ...agent, async (req, res) => {
    const { id: contactId, otherId } = unlinkParams.parse(req.params);
    res.json(await service.unlink(contactId, otherId, actorId(res)));
  });

  return router;
}
