// The `sla` job (jobs/types.ts): at a ticket's first-response deadline, if no person has
// answered, mark it overdue and tell the agent consoles. The priority stays: only an agent
// changes it. A stale job (the ticket was answered, closed, or its deadline moved) does
// nothing, so duplicates and restarts are harmless.
import { UnrecoverableJobError, type JobPayloads } from '../jobs/types';
import type { HandoffDeps } from './deps';
import { publishSlaMissed, publishTicket } from './live';
import { slaJobId } from './open-ticket';
import { checkSla, type SlaCheck } from './sla-policy';

export async function handleSlaJob(deps: HandoffDeps, data: JobPayloads['sla']): Promise<SlaCheck> {
  const deadline = new Date(data.deadline);
  if (typeof data.ticketId !== 'string' || Number.isNaN(deadline.getTime())) {
    throw new UnrecoverableJobError(`sla job: bad payload ${JSON.stringify(data)}`);
  }
  const ticket = await deps.tickets.get(data.ticketId);
  if (!ticket) return { kind: 'ok', why: 'closed' };
  const now = deps.now();
  const check = checkSla(ticket, deadline, now);
  if (check.kind === 'ok') {
    if (check.why === 'not_due') {
      // Ran early (clock skew between machines): check again at the deadline under its own id,
      // since the running job's id is still taken.
      await deps.jobs.add('sla', data, { delayMs: deadline.getTime() - now.getTime(), jobId: `${slaJobId(ticket.id, deadline)}-again` });
    }
    return check;
  }
  const overdue = await deps.tickets.markOverdue(ticket.id, deadline, now);
  // Answered or closed between our read and the update: nothing missed after all.
  if (!overdue) return { kind: 'ok', why: 'responded' };
  await deps.audit.record({
    actor: 'system',
    action: 'ticket.sla_missed',
    target: ticket.id,
    details: { priority: ticket.priority, deadline: deadline.toISOString() },
  });
  await publishTicket(deps.events, overdue);
  await publishSlaMissed(deps.events, overdue);
  return check;
}
