// The triage card: everything the bot worked out about a thread, attached to its ticket so the
// agent starts where the bot stopped. Built once when the ticket opens; pure.
import { answerLinks, pickAnswer, replyLanguage } from '../bot/reply';
import type { Decision, DecisionFlag, Entity, HandoffReason, Language, Link } from '../bot/types';
import type { ChannelId } from '../pipeline/channel';
import type { Catalog } from '../bot/intent-schema';
import type { Priority } from './priority';

export const CARD_TOP_INTENTS = 3;
/** The transcript on the card is the thread's tail; the full one is a separate request. */
export const CARD_TRANSCRIPT_LINES = 20;

export interface CardIntent {
  readonly intent: string;
  /** Calibrated probability in [0, 1]. */
  readonly confidence: number;
  readonly name: { readonly ko: string; readonly en: string } | null;
}

export interface TranscriptLine {
  readonly author: 'citizen' | 'bot' | 'agent';
  /** PII-redacted, as stored. */
  readonly text: string;
  readonly at: string;
}

export interface SuggestedAnswer {
  readonly intent: string;
  readonly text: string;
  readonly links: readonly Link[];
}

/** A platform link to media the citizen sent: a reference for the agent, never downloaded. */
export interface CardMedia {
  readonly kind: string;
  readonly url: string;
}

export interface TriageCard {
  readonly channel: ChannelId;
  readonly isPublic: boolean;
  readonly citizenHandle: string | null;
  readonly transcript: readonly TranscriptLine[];
  readonly topIntents: readonly CardIntent[];
  readonly entities: readonly Entity[];
  readonly language: Language;
  readonly reason: HandoffReason;
  /** What the agent should know before replying, e.g. 'abusive_language'. */
  readonly flags: readonly DecisionFlag[];
  readonly priority: Priority;
  readonly queue: string;
  /** ISO time by which a person should first reply. */
  readonly slaDeadline: string;
  /** The bot's best draft: the catalog answer for the top intent that has one, sent or not. */
  readonly suggestedAnswer: SuggestedAnswer | null;
  readonly modelVersion: string;
  /** Media of the message that opened the ticket. */
  readonly media: readonly CardMedia[];
}

export interface CardInput {
  readonly decision: Decision;
  readonly channel: ChannelId;
  readonly isPublic: boolean;
  readonly citizenHandle: string | null;
  readonly transcript: readonly TranscriptLine[];
  readonly priority: Priority;
  readonly queue: string;
  readonly slaDeadline: Date;
  readonly catalog: Pick<Catalog, 'byId'>;
  readonly now: Date;
  readonly media?: readonly CardMedia[];
  /** Entities found off the hot path (cardEntities); default: the decision's own. */
  readonly entities?: readonly Entity[];
}

/** The reason on the card: an urgent action is `urgent` even if the decision named none. */
export function handoffReasonOf(decision: Pick<Decision, 'action' | 'reason'>): HandoffReason {
  if (decision.reason && decision.reason !== 'surge_pinned') return decision.reason;
  return decision.action === 'urgent' ? 'urgent' : 'policy_handoff';
}

export function buildTriageCard(input: CardInput): TriageCard {
  const { decision, catalog } = input;
  const topIntents = decision.topK.slice(0, CARD_TOP_INTENTS).map((s) => ({
    intent: s.intent,
    confidence: s.confidence,
    name: catalog.byId.get(s.intent)?.name ?? null,
  }));
  return {
    channel: input.channel,
    isPublic: input.isPublic,
    citizenHandle: input.citizenHandle,
    transcript: input.transcript.slice(-CARD_TRANSCRIPT_LINES),
    topIntents,
    entities: input.entities ?? decision.entities,
    language: decision.language,
    reason: handoffReasonOf(decision),
    flags: decision.flags ?? [],
    priority: input.priority,
    queue: input.queue,
    slaDeadline: input.slaDeadline.toISOString(),
    suggestedAnswer: suggestAnswer(input),
    modelVersion: decision.modelVersion,
    media: input.media ?? [],
  };
}

function suggestAnswer(input: CardInput): SuggestedAnswer | null {
  const lang = replyLanguage(input.decision.language);
  // The winning intent first (it may not be topK[0] after an emergency override), then the guesses.
  const candidates = [input.decision.intent, ...input.decision.topK.slice(0, CARD_TOP_INTENTS).map((s) => s.intent)];
  for (const id of candidates) {
    const intent = input.catalog.byId.get(id);
    const answer = intent && pickAnswer(intent, input.now);
    if (!intent || !answer) continue;
    const form = input.isPublic ? answer.public : answer.private;
    return { intent: id, text: form[lang], links: answerLinks(intent, answer, lang) };
  }
  return null;
}
