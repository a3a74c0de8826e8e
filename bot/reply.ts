// Builds the Reply a decision carries: the catalog answer for the intent, in the citizen's
// language, in its public or private form, with the answer's links. Pure.
import type { Catalog, IntentAnswer, IntentDefinition, IntentSituation } from './intent-schema';
import type { PolicyOutcome } from './policy';
import { REPHRASE_EXAMPLES, TEXTS, type ReplyLanguage } from './texts';
import type { DecisionFlag, Language, Link, QuickReply, Reply } from './types';

/** The policy's outcome with what the dialog rules added (bot/dialog-rules.ts). */
export interface TriageOutcome extends PolicyOutcome {
  /** The urgent situation whose answer is sent instead of the intent's. */
  readonly situation?: IntentSituation;
  readonly flags?: readonly DecisionFlag[];
  /** Abuse with a complaint: acknowledged calmly instead of the generic handoff text. */
  readonly acknowledgeAbuse?: boolean;
  /** Nothing could be read: ask again, with examples. */
  readonly unreadable?: boolean;
}

/**
 * Longest private text each channel takes in one message (characters): two answers joined must
 * fit, else they are offered as quick replies. Kakao simpleText 1000, Messenger 2000, X DMs
 * 10000; the web chat has no platform limit, so a readable one.
 */
const CHANNEL_TEXT_LIMIT: Readonly<Record<string, number>> = { kakao: 1000, facebook: 2000, x: 10000, web: 4000 };
const DEFAULT_TEXT_LIMIT = 1000;

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000; // Korea has no daylight saving time.

export function replyLanguage(detected: Language, preferred?: Language): ReplyLanguage {
  const lang = preferred && preferred !== 'unknown' && preferred !== 'mixed' ? preferred : detected;
  return lang === 'en' ? 'en' : 'ko';
}

/** The calendar day in Seoul, as YYYY-MM-DD: seasonal windows are Korean dates. */
export function seoulDate(now: Date): string {
  return new Date(now.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** The answer in season at `now`, else the one with no window. */
export function pickAnswer(intent: IntentDefinition, now: Date): IntentAnswer | undefined {
  const day = seoulDate(now);
  return intent.answers.find((a) => a.effective && a.effective.from <= day && day <= a.effective.to) ?? intent.answers.find((a) => !a.effective);
}

export function answerLinks(intent: IntentDefinition, answer: IntentAnswer, lang: ReplyLanguage): Link[] {
  return answer.links.flatMap((i) => {
    const link = intent.links[i];
    return link ? [{ label: link.label[lang], url: link.url }] : [];
  });
}

export interface ReplyInput {
  readonly outcome: TriageOutcome;
  /** The channel the reply goes out on (its length limit); unknown channels get the smallest. */
  readonly channel?: string;
  readonly catalog: Catalog;
  readonly lang: ReplyLanguage;
  readonly isPublic: boolean;
  /** The message carries personal data. */
  readonly hasPii: boolean;
  readonly now: Date;
}

/** The reply for a decision, or undefined when nothing is said (moderation). */
export function buildReply(input: ReplyInput): Reply | undefined {
  const { outcome, catalog, lang, isPublic } = input;
  if (outcome.action === 'moderate') return undefined;
  if (outcome.unreadable) {
    return { text: TEXTS.rephrase[lang], links: [], quickReplies: REPHRASE_EXAMPLES[lang].map((q) => ({ label: q, text: q })) };
  }
  // A public post with personal data: never repeat it, ask for deletion and a DM instead.
  if (isPublic && input.hasPii && outcome.action !== 'urgent') {
    return { text: TEXTS.piiPublic[lang], links: [] };
  }
  switch (outcome.action) {
    case 'handoff':
      if (outcome.acknowledgeAbuse) return { text: TEXTS.abuseAck[lang], links: [] };
      // A citizen who asked for a person gets the catalog's own wording for it, when it has one.
      return (
        (outcome.reason === 'requested_human' ? catalogReply(outcome.intent, input) : undefined) ?? {
          text: (isPublic ? TEXTS.handoffPublic : TEXTS.handoff)[lang],
          links: [],
        }
      );
    case 'clarify':
      return clarifyReply(TEXTS.clarify[lang], outcome.choices, catalog, lang);
    case 'urgent':
      return (
        (outcome.situation ? situationReply(outcome.intent, outcome.situation, input) : undefined) ??
        catalogReply(outcome.intent, input) ?? { text: TEXTS.urgentFallback[lang], links: [] }
      );
    case 'auto_answer':
      return (
        (outcome.alsoIntent ? twoAnswers(outcome.intent, outcome.alsoIntent, input) : undefined) ??
        catalogReply(outcome.intent, input) ?? { text: TEXTS.handoff[lang], links: [] }
      );
    default:
      return catalogReply(outcome.intent, input) ?? { text: TEXTS.handoff[lang], links: [] };
  }
}

function catalogReply(intentId: string, input: ReplyInput): Reply | undefined {
  const intent = input.catalog.byId.get(intentId);
  const answer = intent && pickAnswer(intent, input.now);
  if (!intent || !answer) return undefined;
  const form = input.isPublic ? answer.public : answer.private;
  return { text: form[input.lang], links: answerLinks(intent, answer, input.lang) };
}

/** The situation's own answer (an emergency type, money just sent), in the right form. */
function situationReply(intentId: string, situation: IntentSituation, input: ReplyInput): Reply | undefined {
  const intent = input.catalog.byId.get(intentId);
  if (!intent) return undefined;
  const form = input.isPublic ? situation.answer.public : situation.answer.private;
  return { text: form[input.lang], links: answerLinks(intent, situation.answer, input.lang) };
}

/**
 * Two questions, two answers: joined when both fit the channel's one message (never in a public
 * post, whose limit is a tweet), otherwise both offered as quick replies.
 */
function twoAnswers(first: string, second: string, input: ReplyInput): Reply | undefined {
  const a = catalogReply(first, input);
  const b = catalogReply(second, input);
  if (!a || !b) return undefined;
  const text = `${a.text}\n\n${b.text}`;
  const limit = CHANNEL_TEXT_LIMIT[input.channel ?? ''] ?? DEFAULT_TEXT_LIMIT;
  if (!input.isPublic && text.length <= limit) {
    const links = [...a.links, ...b.links].filter((l, i, all) => all.findIndex((o) => o.url === l.url) === i);
    return { text, links };
  }
  return clarifyReply(TEXTS.clarifyTwo[input.lang], [first, second], input.catalog, input.lang);
}

/** A question with the offered intents as quick replies, and a way to reach a person. */
function clarifyReply(text: string, choices: PolicyOutcome['choices'], catalog: Catalog, lang: ReplyLanguage): Reply {
  const quickReplies: QuickReply[] = (choices ?? []).flatMap((id) => {
    const intent = catalog.byId.get(id);
    return intent ? [{ label: intent.name[lang], text: intent.name[lang] }] : [];
  });
  quickReplies.push({ label: TEXTS.clarifyAgent[lang], text: TEXTS.clarifyAgentText[lang] });
  return { text, links: [], quickReplies };
}
