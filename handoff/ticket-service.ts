// Agent actions on a ticket: claim, reply, note, resolve, return to bot, transfer, relabel. Each
// one checks the rules (ticket-rules.ts), changes the ticket with a conditional UPDATE on the
// state it read (a concurrent change → 409, never a lost update), writes the audit log, and
// tells the live consoles.
import { newId } from '../store/ids';
import type { TicketsTable } from '../store/schema';
import { setConversationOwner } from '../store/conversation-repository';
import { enqueueOutbox } from '../store/outbox-repository';
import type { HandoffDeps } from './deps';
import { citizenNotice, type CitizenNotice } from './citizen-notices';
import { ratingQuickReplies } from './csat';
import { FeedbackRepository } from './feedback-repository';
import { publishTicket } from './live';
import type { Priority } from './priority';
import { departmentQueues } from './routing';
import type { Ticket } from './ticket';
import { checkAction, type Actor, type AgentAction } from './ticket-rules';
import type { Updateable } from 'kysely';
import { DomainError } from '../core/errors';

export interface ReplyResult {
  readonly ticket: Ticket;
  readonly outboxId: string;
  /** Kinds of personal data removed from the reply before it was stored and sent. */
  readonly redacted: readonly string[];
}

export interface TransferTarget {
  readonly queue?: string;
  readonly agentId?: string;
}

export class TicketService {
  constructor(private readonly deps: HandoffDeps) {}

  async get(id: string): Promise<Ticket> {
    const ticket = await this.deps.tickets.get(id);
    if (!ticket) throw new DomainError('not_found', `ticket ${id}`);
    return ticket;
  }

  /** Loads the ticket and checks the rules for `action`. */
  private async allowed(id: string, action: AgentAction, actor: Actor): Promise<Ticket> {
    const ticket = await this.get(id);
    const permission = checkAction(action, ticket, actor);
    if (!permission.ok) throw new DomainError(permission.code, permission.reason);
    return ticket;
  }

  /** Applies a change only if the ticket is still as read; audits and publishes it. */
  private async change(ticket: Ticket, actor: Actor, action: string, set: Updateable<TicketsTable>, details: Record<string, unknown> = {}): Promise<Ticket> {
    const changed = await this.deps.tickets.change(ticket.id, { status: [ticket.status], assignee: ticket.assignee }, { ...set, updated_at: this.deps.now() });
    if (!changed) throw new DomainError('conflict', 'the ticket changed meanwhile; reload it');
    await this.deps.audit.record({ actor: actor.id, action, target: ticket.id, details });
    await publishTicket(this.deps.events, changed);
    return changed;
  }

  /** waiting → assigned to the actor. Of many simultaneous claims exactly one wins; the rest get 409. */
  async claim(id: string, actor: Actor): Promise<Ticket> {
    const ticket = await this.allowed(id, 'claim', actor);
    if (ticket.assignee === actor.id) return ticket;
    const claimed = await this.deps.tickets.claim(id, actor.id, this.deps.now());
    if (!claimed) throw new DomainError('conflict', 'another agent has claimed the ticket');
    await this.deps.audit.record({ actor: actor.id, action: 'ticket.claim', target: id });
    await publishTicket(this.deps.events, claimed);
    return claimed;
  }

  /**
   * Queues the agent's reply through the thread's channel (outbox → outbound job), claiming a
   * waiting ticket first. The text is PII-redacted before it is stored, like every stored text.
   */
  async reply(id: string, actor: Actor, text: string): Promise<ReplyResult> {
    let ticket = await this.allowed(id, 'reply', actor);
    if (ticket.status === 'waiting') ticket = await this.claim(id, actor);
    const { deps } = this;
    const redaction = deps.redact(text);
    const target = await deps.tickets.replyContext(ticket.conversationId);
    const at = deps.now();
    const outboxId = await deps.db.transaction().execute(async (trx) => {
      const queued = await enqueueOutbox(trx, {
        conversationId: ticket.conversationId,
        inReplyTo: null,
        kind: 'agent_reply',
        text: redaction.text,
        links: [],
        isPublic: target.isPublic,
        authoredBy: 'agent',
        authorId: actor.id,
        replyTarget: target.replyTarget,
      });
      await deps.audit.record({ actor: actor.id, action: 'ticket.reply', target: id, details: { outboxId: queued } }, trx);
      return queued;
    });
    await deps.tickets.markFirstResponse(id, at, actor.id);
    await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
    const updated = await this.get(id);
    await publishTicket(deps.events, updated);
    return { ticket: updated, outboxId, redacted: [...new Set(redaction.findings.map((f) => f.type))] };
  }

  async addNote(id: string, actor: Actor, text: string): Promise<{ readonly id: string; readonly text: string; readonly createdAt: Date }> {
    await this.allowed(id, 'note', actor);
    const note = { id: newId(), ticketId: id, authorId: actor.id, text: this.deps.redact(text).text, createdAt: this.deps.now() };
    await this.deps.tickets.addNote(note);
    await this.deps.audit.record({ actor: actor.id, action: 'ticket.note', target: id, details: { noteId: note.id } });
    return { id: note.id, text: note.text, createdAt: note.createdAt };
  }

  async notes(id: string) {
    const notes = await this.deps.tickets.notes(id);
    return notes.map((n) => ({ id: n.id, authorId: n.authorId, text: n.text, createdAt: n.createdAt.toISOString() }));
  }

  /**
   * Closes the ticket and tells the citizen, in their channel and language; the bot answers
   * their next message. Within the reopen window a message that needs a person opens a new
   * ticket linked to this one, unless `keepThread`: then it reopens this one, for this agent.
   */
  async resolve(id: string, actor: Actor, options: { readonly keepThread?: boolean } = {}): Promise<Ticket> {
    const ticket = await this.allowed(id, 'resolve', actor);
    const keepThread = options.keepThread === true;
    const resolved = await this.change(
      ticket,
      actor,
      'ticket.resolve',
      { status: 'resolved', resolved_at: this.deps.now(), keep_thread: keepThread },
      { keepThread },
    );
    await setConversationOwner(this.deps.db, ticket.conversationId, 'bot');
    // The CSAT, for the agent who held the ticket: asked in the notice, answered by a quick reply.
    await new FeedbackRepository(this.deps.db).requestRating({
      ticketId: id,
      conversationId: ticket.conversationId,
      agentId: ticket.assignee ?? actor.id,
      at: this.deps.now(),
    });
    await this.tellCitizen(resolved, 'resolved', true);
    return resolved;
  }

  /** Hands the thread back and tells the citizen the bot answers from now on; no reopen applies. */
  async returnToBot(id: string, actor: Actor): Promise<Ticket> {
    const ticket = await this.allowed(id, 'return_to_bot', actor);
    const returned = await this.change(ticket, actor, 'ticket.return_to_bot', { status: 'returned_to_bot', resolved_at: this.deps.now() });
    await setConversationOwner(this.deps.db, ticket.conversationId, 'bot');
    await this.tellCitizen(returned, 'returned_to_bot');
    return returned;
  }

  /** A bot message to the citizen through their channel (outbox → outbound job). */
  private async tellCitizen(ticket: Ticket, notice: CitizenNotice, askRating = false): Promise<void> {
    const context = await this.deps.tickets.replyContext(ticket.conversationId);
    const lang = context.language === 'en' ? 'en' : 'ko';
    const outboxId = await enqueueOutbox(this.deps.db, {
      conversationId: ticket.conversationId,
      inReplyTo: null,
      kind: 'bot_reply',
      text: citizenNotice(notice, context.language),
      links: [],
      ...(askRating ? { quickReplies: ratingQuickReplies(lang) } : {}),
      isPublic: context.isPublic,
      authoredBy: 'bot',
      replyTarget: context.replyTarget,
    });
    await this.deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
  }

  /** The configured department queues (the catalog's owner queues and the fallback). */
  queues(): string[] {
    return departmentQueues(this.deps.catalog(), this.deps.config.fallbackQueue);
  }

  /** To a configured queue (back to waiting there) and/or straight to another agent. */
  async transfer(id: string, actor: Actor, target: TransferTarget): Promise<Ticket> {
    if (!target.queue && !target.agentId) throw new DomainError('invalid', 'give a queue or an agentId to transfer to');
    const ticket = await this.allowed(id, 'transfer', actor);
    if (target.queue && !this.queues().includes(target.queue)) {
      throw new DomainError('invalid', `unknown queue "${target.queue}"; use one of ${this.queues().join(', ')}`);
    }
    if (target.agentId && !(await this.deps.tickets.isAgent(target.agentId))) {
      throw new DomainError('invalid', `user ${target.agentId} is not an enabled agent`);
    }
    const set: Updateable<TicketsTable> = target.agentId ? { status: 'assigned', assignee: target.agentId } : { status: 'waiting', assignee: null };
    return this.change(
      ticket,
      actor,
      'ticket.transfer',
      { ...set, ...(target.queue ? { queue: target.queue } : {}) },
      {
        from: { queue: ticket.queue, assignee: ticket.assignee },
        to: target,
      },
    );
  }

  /**
   * An agent's judgement of how pressing the matter is; the only way a priority changes (a missed
   * SLA only marks the ticket overdue). Audited with the old and new value. The SLA deadline
   * stays: it was promised when the ticket arrived.
   */
  async setPriority(id: string, actor: Actor, priority: Priority): Promise<Ticket> {
    const ticket = await this.allowed(id, 'set_priority', actor);
    if (ticket.priority === priority) return ticket;
    return this.change(ticket, actor, 'ticket.priority', { priority }, { from: ticket.priority, to: priority });
  }

  /** Snoozes an open ticket out of the working views until `until` (null wakes it now). Audited. */
  async snooze(id: string, actor: Actor, until: Date | null): Promise<Ticket> {
    const ticket = await this.allowed(id, 'set_priority', actor);
    if (until && until.getTime() <= this.deps.now().getTime()) throw new DomainError('invalid', 'snooze until a time in the future');
    return this.change(ticket, actor, 'ticket.snooze', { snoozed_until: until }, { until: until?.toISOString() ?? null });
  }

  /**
   * Records the right intent for a citizen message of the ticket (the one that opened it by
   * default) as a training candidate the trainer inbox lists.
   */
  async relabel(id: string, actor: Actor, intent: string, messageId?: string): Promise<{ readonly candidateId: string }> {
    const ticket = await this.allowed(id, 'relabel', actor);
    if (!this.deps.catalog().byId.has(intent)) throw new DomainError('invalid', `unknown intent "${intent}"`);
    const target = messageId ?? ticket.openedByMessageId;
    if (!target) throw new DomainError('invalid', 'the ticket has no opening message; name a messageId');
    const message = await this.deps.tickets.messageWithDecision(target);
    if (!message || message.conversation_id !== ticket.conversationId || message.direction !== 'in') {
      throw new DomainError('invalid', `message ${target} is not a citizen message of this ticket`);
    }
    const candidateId = newId();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.deps.tickets.addRelabelCandidate(
        {
          id: candidateId,
          messageId: message.id,
          ticketId: id,
          text: message.text,
          language: message.language === 'en' ? 'en' : 'ko',
          predictedIntent: message.intent,
          intent,
          createdBy: actor.id,
        },
        trx,
      );
      await this.deps.audit.record(
        { actor: actor.id, action: 'ticket.relabel', target: id, details: { messageId: message.id, from: message.intent, to: intent, candidateId } },
        trx,
      );
    });
    return { candidateId };
  }
}
