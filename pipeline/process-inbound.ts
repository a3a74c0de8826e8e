// The `inbound` job: triage one stored message and act on the decision. Every step is
// idempotent, so a retry after a crash at any point finishes the work without doing any of it
// twice: the decision is stored once (UNIQUE message_id) and reused, the reply is queued once
// (UNIQUE in_reply_to, kind), a conversation has one open ticket, and one conditional statement
// at the end marks the message processed, queues its reply and moves the conversation's counters.
// Two round trips for a message the bot answers: one read (message, thread, its latest ticket,
// earlier decisions) and one write (decision, status, counters and reply together). A decision
// that opens or joins a ticket is stored on its own first, since the ticket's card is built from it.
import type { ConversationContext, Decision } from '../bot/types';
import { ATTACHMENT_ONLY_TEXT, MEDIA_KIND_NAMES, mediaOnlyDecision, type MediaKindName } from '../bot/media-decision';
import { OUT_OF_SCOPE } from '../bot/model-types';
import { TEXTS } from '../bot/texts';
import { UnrecoverableJobError } from '../jobs/types';
import { saveDecision } from '../store/decision-repository';
import { finishInbound, startInboundWork, type InboundWork, type NewDecision, type Outcome } from '../store/inbound-writes';
import { outboxIdsFor } from '../store/outbox-repository';
import type { PipelineDeps } from './deps';
import type { ActiveTicket, HandoffPort } from './handoff-port';
import { queueDelivery } from './queue-delivery';
import type { ProcessedInbound } from './types';

/** Actions that answer the citizen at once with the decision's reply. */
const REPLYING_ACTIONS = new Set<Decision['action']>(['auto_answer', 'clarify', 'smalltalk', 'decline', 'urgent', 'handoff']);
/** Actions that put a person on the thread. */
const TICKET_ACTIONS = new Set<Decision['action']>(['handoff', 'urgent']);

export async function processInbound(deps: PipelineDeps & { handoff: HandoffPort }, messageId: string): Promise<ProcessedInbound> {
  const { db } = deps.database;
  const work = await startInboundWork(db, messageId);
  if (!work || work.message.direction !== 'in') throw new UnrecoverableJobError(`no inbound message ${messageId}`);
  const { message, conversation } = work;
  if (message.status === 'processed') {
    const earlier = await loadResult(deps, work);
    // A crash between "processed" and queueing the send leaves the reply pending: queue it again
    // (a no-op if its job is still queued; the outbound job skips rows already sent).
    await queueDelivery(deps, message.channel, earlier.outboxIds);
    return earlier;
  }

  // A decision stored by an earlier, interrupted attempt wins over a new triage (the model may
  // have changed since, and the ticket it opened must not be mistaken for someone else's).
  // An agent holding the thread: the bot is silent. A ticket that only waits: the bot still
  // answers a confident FAQ and acknowledges anything else, and the message joins the ticket.
  let decision = work.decision;
  let waiting: ActiveTicket | null = null;
  /** Triaged now and not stored yet: stored by the last statement, with the reply. */
  let unsaved: NewDecision | undefined;
  if (!decision) {
    // A tap on the CSAT quick replies after a resolve: recorded and thanked, never triaged (and
    // never a reason to reopen the ticket it rates).
    const rated = await deps.feedback?.takeRatingReply(conversation.id, message.text);
    if (rated) return thankForRating(deps, work, rated.text);
    const ticket = await deps.handoff.activeTicketFor(conversation.id, conversation.latestTicket);
    if (ticket?.claimed) {
      await deps.handoff.attachMessage(ticket.id, messageId);
      await finishInbound(db, { messageId });
      return { messageId, conversationId: conversation.id, decision: null, outboxIds: [], ticketId: ticket.id };
    }
    waiting = ticket;
    const triaged = await triage(deps, work);
    if (waiting || TICKET_ACTIONS.has(triaged.decision.action)) {
      decision = await saveDecision(db, messageId, triaged.decision, triaged.latencyUs);
    } else {
      decision = triaged.decision;
      unsaved = triaged;
    }
  }
  if (!unsaved) await deps.checkpoint?.('decision-stored', messageId);

  let ticketId: string | undefined;
  if (waiting) {
    // Joins the waiting ticket (and reaches the consoles live), whatever the bot says back.
    await deps.handoff.attachMessage(waiting.id, messageId);
    ticketId = waiting.id;
  } else if (TICKET_ACTIONS.has(decision.action)) {
    ticketId = (await deps.handoff.openTicket({ conversationId: conversation.id, messageId, decision })).id;
  }
  const content = waiting && decision.action !== 'auto_answer' && !TICKET_ACTIONS.has(decision.action) ? waitingAck(decision) : decision.reply;
  const outcome: Outcome = {
    outOfScope: decision.intent === OUT_OF_SCOPE,
    ...(decision.language === 'ko' || decision.language === 'en' ? { language: decision.language } : {}),
  };
  // The reply is queued in the same statement that marks the message processed.
  const reply =
    content && REPLYING_ACTIONS.has(decision.action)
      ? {
          conversationId: conversation.id,
          inReplyTo: messageId,
          kind: 'bot_reply' as const,
          text: content.text,
          links: content.links,
          quickReplies: content.quickReplies,
          isPublic: conversation.isPublic,
          authoredBy: 'bot' as const,
          replyTarget: message.reply_target,
        }
      : undefined;
  const outboxId = await finishInbound(db, { messageId, outcome, ...(reply ? { reply } : {}), ...(unsaved ? { decision: unsaved } : {}) });
  if (unsaved) await deps.checkpoint?.('decision-stored', messageId);
  const outboxIds = outboxId ? [outboxId] : [];
  if (outboxId) await deps.checkpoint?.('outbox-written', messageId);
  await queueDelivery(deps, message.channel, outboxIds);
  return { messageId, conversationId: conversation.id, decision, outboxIds, ...(ticketId ? { ticketId } : {}) };
}

async function thankForRating(deps: PipelineDeps, { message, conversation }: InboundWork, text: string): Promise<ProcessedInbound> {
  const outboxId = await finishInbound(deps.database.db, {
    messageId: message.id,
    reply: {
      conversationId: conversation.id,
      inReplyTo: message.id,
      kind: 'bot_reply',
      text,
      links: [],
      isPublic: conversation.isPublic,
      authoredBy: 'bot',
      replyTarget: message.reply_target,
    },
  });
  const outboxIds = outboxId ? [outboxId] : [];
  await queueDelivery(deps, message.channel, outboxIds);
  return { messageId: message.id, conversationId: conversation.id, decision: null, outboxIds };
}

/** "An agent will reply soon", instead of a clarifying question or small talk while a ticket waits. */
function waitingAck(decision: Decision): Decision['reply'] {
  const lang = decision.language === 'en' ? 'en' : 'ko';
  return { text: TEXTS.waitingAck[lang], links: [] };
}

/** The bot's decision on the message (not stored yet) and how long triage took. */
async function triage(deps: PipelineDeps, { message, conversation }: InboundWork): Promise<NewDecision> {
  // Our last reply asked which topic: this message may be the answer (or a second unclear one).
  const context: ConversationContext = {
    channel: conversation.channel,
    isPublic: conversation.isPublic,
    ...(conversation.language === 'ko' || conversation.language === 'en' ? { language: conversation.language } : {}),
    recentOutOfScope: conversation.outOfScopeStreak,
    now: (deps.now ?? (() => new Date()))(),
    ...(conversation.pendingChoices ? { pendingChoices: conversation.pendingChoices } : {}),
  };
  const started = process.hrtime.bigint();
  const triaged = mediaOnly(message, conversation) ?? deps.triage()(message.text, context);
  const decision = deps.surge
    ? await deps.surge.afterTriage({ text: message.text, decision: triaged, isPublic: context.isPublic, language: context.language, now: context.now })
    : triaged;
  const latencyUs = Number(process.hrtime.bigint() - started) / 1000;
  return { decision: redactEntities(deps, decision), latencyUs };
}

/** The media rule's decision for a message that is only media; undefined when it has words. */
function mediaOnly({ text, links, reply_target }: InboundWork['message'], conversation: InboundWork['conversation']): Decision | undefined {
  if (text !== ATTACHMENT_ONLY_TEXT || links.length === 0) return undefined;
  const lang = conversation.language === 'en' || reply_target['lang'] === 'en' ? 'en' : 'ko';
  const kinds = links.map((l) => l.label).filter((k): k is MediaKindName => (MEDIA_KIND_NAMES as readonly string[]).includes(k));
  return mediaOnlyDecision({ kinds, lang, isPublic: conversation.isPublic });
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

/** The result of a message processed before: what a second processInbound() call returns. */
async function loadResult(deps: PipelineDeps, { message, decision }: InboundWork): Promise<ProcessedInbound> {
  return {
    messageId: message.id,
    conversationId: message.conversation_id,
    decision: decision ?? null,
    outboxIds: await outboxIdsFor(deps.database.db, message.id),
    ...(message.ticket_id ? { ticketId: message.ticket_id } : {}),
  };
}
