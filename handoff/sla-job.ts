// The `sla` job (jobs/types.ts): at a ticket's first-response deadline, if no person has
// answered, raise its priority one step, tell the agent consoles, and schedule the next check
// at the new priority's target. A stale job (the ticket was answered, closed, or its deadline
// moved) does nothing, so duplicates and restarts are harmless.
import { UnrecoverableJobError, type JobPayloads } from '../jobs/types';
import type { HandoffDeps } from './deps';
import { publishSlaMissed, publishTicket } from './live';
import { scheduleSla, slaJobId } from './open-ticket';
import { checkSla, type SlaCheck } from './sla-policy';

export async function handleSlaJob(deps: HandoffDeps, data: JobPayloads['sla']): Promise<SlaCheck> {
  const deadline = new Date(data.deadline);
  if (typeof data.ticketId !== 'string' || Number.isNaN(deadline.getTime())) {
    throw new UnrecoverableJobError(`sla job: bad payload ${JSON.stringify(data)}`);
  }
  const ticket = await deps.tickets.get(data.ticketId);
  if (!ticket) return { kind: 'ok', why: 'closed' };
  const now = deps.now();
  const check = checkSla(ticket, deadline, now, deps.config.sla);
  if (check.kind === 'ok') {
    if (check.why === 'not_due') {
      // Ran early (clock skew between machines): check again at the deadline under its own id,
      // since the running job's id is still taken.
      await deps.jobs.add('sla', data, { delayMs: deadline.getTime() - now.getTime(), jobId: `${slaJobId(ticket.id, deadline)}-again` });
    }
    return check;
  }
  const escalated = await deps.tickets.escalate(ticket.id, deadline, check.priority, check.nextDeadline, now);
  // Answered or closed between our read and the update: nothing missed after all.
  if (!escalated) return { kind: 'ok', why: 'responded' };
  await deps.audit.record({ actor: 'system', action: 'ticket.sla_missed', target: ticket.id, details: { from: ticket.priority, to: check.priority } });
  await publishTicket(deps.events, escalated);
  await publishSlaMissed(deps.events, escalated);
  if (check.nextDeadline) await scheduleSla(deps, ticket.id, check.nextDeadline);
  return check;
}
