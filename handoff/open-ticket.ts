// Opening a ticket for a message that needs a person: route it, prioritise it, build its triage
// card, schedule its SLA check, and (optionally) assign it. Safe to run twice for one message:
// a retried inbound job finds the ticket it opened and only re-schedules the (deduplicated) SLA job.
import type { Decision } from '../bot/types';
import { findConversationWithContact, setConversationOwner } from '../store/conversation-repository';
import { listConversationMessages, setMessageTicket } from '../store/message-repository';
import { pickAgent } from './auto-assign';
import type { HandoffDeps } from './deps';
import { publishTicket } from './live';
import { priorityFor } from './priority';
import { followsWithin } from './reopen-policy';
import { routeToQueue } from './routing';
import { slaDeadline } from './sla-policy';
import type { Ticket } from './ticket';
import { cardEntities } from './card-entities';
import { buildTriageCard, CARD_TRANSCRIPT_LINES, handoffReasonOf } from './triage-card';

export interface OpenTicketInput {
  readonly conversationId: string;
  readonly messageId: string;
  readonly decision: Decision;
}

/** BullMQ refuses ':' in custom job ids. One job per (ticket, deadline). */
export function slaJobId(ticketId: string, deadline: Date): string {
  return `sla-${ticketId}-${deadline.getTime()}`;
}

export async function scheduleSla(deps: Pick<HandoffDeps, 'jobs' | 'now'>, ticketId: string, deadline: Date): Promise<void> {
  await deps.jobs.add(
    'sla',
    { ticketId, deadline: deadline.toISOString() },
    { delayMs: Math.max(0, deadline.getTime() - deps.now().getTime()), jobId: slaJobId(ticketId, deadline) },
  );
}

export async function openTicket(deps: HandoffDeps, input: OpenTicketInput): Promise<Ticket> {
  const { decision } = input;
  const now = deps.now();
  const conversation = await findConversationWithContact(deps.db, input.conversationId);
  if (!conversation) throw new Error(`openTicket: conversation ${input.conversationId} does not exist`);

  const catalog = deps.catalog();
  const priority = priorityFor(decision.action, decision.reason);
  const queue = routeToQueue(decision.intent, catalog, deps.config.fallbackQueue);
  const deadline = slaDeadline(priority, now, deps.config.sla);
  const messages = await listConversationMessages(deps.db, input.conversationId);
  const opening = messages.find((m) => m.id === input.messageId);
  const card = buildTriageCard({
    decision,
    channel: conversation.channel,
    isPublic: conversation.is_public,
    citizenHandle: conversation.handle,
    transcript: messages.slice(-CARD_TRANSCRIPT_LINES).map((m) => ({ author: m.author, text: m.text, at: m.created_at.toISOString() })),
    priority,
    queue,
    slaDeadline: deadline,
    catalog,
    now,
    // An inbound message's links are the media the citizen sent ({label: kind, url}).
    media: opening?.direction === 'in' ? opening.links.map((l) => ({ kind: l.label, url: l.url })) : [],
    entities: cardEntities(decision, opening?.direction === 'in' ? opening.text : undefined, now, deps.redact),
  });

  // Within the reopen window of a resolved ticket: a new ticket (fresh SLA) that points at it.
  const latest = await deps.tickets.latestForConversation(input.conversationId);
  const follows = followsWithin(latest, now, deps.config.reopen) ? latest!.id : null;
  const { ticket, created } = await deps.tickets.openOrJoin({
    followsTicketId: follows,
    conversationId: input.conversationId,
    openedByMessageId: input.messageId,
    priority,
    queue,
    reason: handoffReasonOf(decision),
    card,
    slaDeadline: deadline,
    createdAt: now,
  });
  await setMessageTicket(deps.db, input.messageId, ticket.id);
  await setConversationOwner(deps.db, input.conversationId, 'human');

  const firstRun = created || ticket.openedByMessageId === input.messageId;
  if (!firstRun) return ticket;
  if (ticket.slaDeadline && !ticket.firstResponseAt) await scheduleSla(deps, ticket.id, ticket.slaDeadline);
  if (created)
    await deps.audit.record({
      actor: 'system',
      action: 'ticket.open',
      target: ticket.id,
      details: { priority, queue, reason: ticket.reason, ...(follows ? { follows } : {}) },
    });
  const assigned = created ? await autoAssign(deps, ticket) : undefined;
  await publishTicket(deps.events, assigned ?? ticket);
  return assigned ?? ticket;
}

/** The least-loaded online agent, if auto-assignment is on and someone has room. */
async function autoAssign(deps: HandoffDeps, ticket: Ticket): Promise<Ticket | undefined> {
  const policy = deps.config.autoAssign;
  if (!policy.enabled) return undefined;
  const onlineSince = new Date(deps.now().getTime() - policy.onlineWindowMs);
  const agent = pickAgent(ticket.queue, await deps.tickets.agentLoads(onlineSince), policy.capacity);
  if (!agent) return undefined;
  const assigned = await deps.tickets.claim(ticket.id, agent.id, deps.now());
  if (assigned) await deps.audit.record({ actor: 'system', action: 'ticket.auto_assign', target: ticket.id, details: { agent: agent.id } });
  return assigned;
}
