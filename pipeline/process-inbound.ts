// The `inbound` job: triage one stored message and act on the decision. Every step is
// idempotent, so a retry after a crash at any point finishes the work without doing any of it
// twice: the decision is stored once (UNIQUE message_id) and reused, the reply is queued once
// (UNIQUE in_reply_to, kind), a conversation has one open ticket, and the message is marked
// processed (with the conversation's counters) in one conditional transaction at the end.
import type { ConversationContext, Decision } from '../bot/types';
import { OUT_OF_SCOPE } from '../bot/model-types';
import { UnrecoverableJobError } from '../jobs/types';
import { findConversation, recordDecisionOutcome, type ConversationRow } from '../store/conversation-repository';
import { findDecision, saveDecision } from '../store/decision-repository';
import { findMessage, moveInboundStatus, type MessageRow } from '../store/message-repository';
import { enqueueOutbox, outboxIdsFor } from '../store/outbox-repository';
import type { PipelineDeps } from './deps';
import type { HandoffPort } from './handoff-port';
import type { ProcessedInbound } from './types';

/** Actions that answer the citizen at once with the decision's reply. */
const REPLYING_ACTIONS = new Set<Decision['action']>(['auto_answer', 'clarify', 'smalltalk', 'decline', 'urgent', 'handoff']);
/** Actions that put a person on the thread. */
const TICKET_ACTIONS = new Set<Decision['action']>(['handoff', 'urgent']);

export async function processInbound(deps: PipelineDeps & { handoff: HandoffPort }, messageId: string): Promise<ProcessedInbound> {
  const { db } = deps.database;
  const message = await findMessage(db, messageId);
  if (!message || message.direction !== 'in') throw new UnrecoverableJobError(`no inbound message ${messageId}`);
  if (message.status === 'processed') {
    const earlier = await loadResult(deps, message);
    // A crash between "processed" and queueing the send leaves the reply pending: queue it again
    // (a no-op if its job is still queued; the outbound job skips rows already sent).
    for (const outboxId of earlier.outboxIds) await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
    return earlier;
  }
  await moveInboundStatus(db, messageId, ['received'], 'processing');

  const conversation = await findConversation(db, message.conversation_id);
  if (!conversation) throw new UnrecoverableJobError(`message ${messageId}: conversation ${message.conversation_id} is missing`);

  // A decision stored by an earlier, interrupted attempt wins over a new triage (the model may
  // have changed since, and the ticket it opened must not be mistaken for someone else's).
  let decision = await findDecision(db, messageId);
  if (!decision) {
    const ticket = await deps.handoff.activeTicketFor(conversation.id);
    if (ticket) {
      await deps.handoff.attachMessage(ticket.id, messageId);
      await finish(deps, message, null);
      return { messageId, conversationId: conversation.id, decision: null, outboxIds: [], ticketId: ticket.id };
    }
    decision = await triageAndStore(deps, message, conversation);
  }
  await deps.checkpoint?.('decision-stored', messageId);

  let ticketId: string | undefined;
  if (TICKET_ACTIONS.has(decision.action)) {
    ticketId = (await deps.handoff.openTicket({ conversationId: conversation.id, messageId, decision })).id;
  }
  const outboxIds: string[] = [];
  if (decision.reply && REPLYING_ACTIONS.has(decision.action)) {
    outboxIds.push(
      await enqueueOutbox(db, {
        conversationId: conversation.id,
        inReplyTo: messageId,
        kind: 'bot_reply',
        text: decision.reply.text,
        links: decision.reply.links,
        quickReplies: decision.reply.quickReplies,
        isPublic: conversation.is_public,
        authoredBy: 'bot',
        replyTarget: message.reply_target,
      }),
    );
    await deps.checkpoint?.('outbox-written', messageId);
  }
  await finish(deps, message, decision);
  for (const outboxId of outboxIds) await deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
  return { messageId, conversationId: conversation.id, decision, outboxIds, ...(ticketId ? { ticketId } : {}) };
}

async function triageAndStore(deps: PipelineDeps, message: MessageRow, conversation: ConversationRow): Promise<Decision> {
  const context: ConversationContext = {
    channel: conversation.channel,
    isPublic: conversation.is_public,
    ...(conversation.language === 'ko' || conversation.language === 'en' ? { language: conversation.language } : {}),
    recentOutOfScope: conversation.out_of_scope_streak,
    now: (deps.now ?? (() => new Date()))(),
  };
  const started = process.hrtime.bigint();
  const decision = deps.triage()(message.text, context);
  const latencyUs = Number(process.hrtime.bigint() - started) / 1000;
  return saveDecision(deps.database.db, message.id, redactEntities(deps, decision), latencyUs);
}

/**
 * Entities come from the already-redacted text, so they hold no raw PII; they are passed through
 * the redactor once more because the decision is stored and shown to agents.
 */
function redactEntities(deps: PipelineDeps, decision: Decision): Decision {
  const entities = decision.entities.map((e) => ({
    ...e,
    text: deps.redact(e.text).text,
    value: typeof e.value === 'string' ? deps.redact(e.value).text : e.value,
  }));
  return { ...decision, entities };
}

/** Marks the message processed and, only if this call did so, updates the conversation's counters. */
async function finish(deps: PipelineDeps, message: MessageRow, decision: Decision | null): Promise<void> {
  await deps.database.db.transaction().execute(async (tx) => {
    const moved = await moveInboundStatus(tx, message.id, ['received', 'processing'], 'processed');
    if (moved && decision) {
      await recordDecisionOutcome(tx, message.conversation_id, {
        outOfScope: decision.intent === OUT_OF_SCOPE,
        ...(decision.language === 'ko' || decision.language === 'en' ? { language: decision.language } : {}),
      });
    }
  });
}

/** The result of a message processed before: what a second processInbound() call returns. */
async function loadResult(deps: PipelineDeps, message: MessageRow): Promise<ProcessedInbound> {
  const { db } = deps.database;
  const decision = (await findDecision(db, message.id)) ?? null;
  return {
    messageId: message.id,
    conversationId: message.conversation_id,
    decision,
    outboxIds: await outboxIdsFor(db, message.id),
    ...(message.ticket_id ? { ticketId: message.ticket_id } : {}),
  };
}
