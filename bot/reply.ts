// Builds the Reply a decision carries: the catalog answer for the intent, in the citizen's
// language, in its public or private form, with the answer's links. Pure.
import type { Catalog, IntentAnswer, IntentDefinition } from './intent-schema';
import type { PolicyOutcome } from './policy';
import { TEXTS, type ReplyLanguage } from './texts';
import type { Language, Link, QuickReply, Reply } from './types';

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
  return (
    intent.answers.find((a) => a.effective && a.effective.from <= day && day <= a.effective.to) ??
    intent.answers.find((a) => !a.effective)
  );
}

export function answerLinks(intent: IntentDefinition, answer: IntentAnswer, lang: ReplyLanguage): Link[] {
  return answer.links.flatMap((i) => {
    const link = intent.links[i];
    return link ? [{ label: link.label[lang], url: link.url }] : [];
  });
}

export interface ReplyInput {
  readonly outcome: PolicyOutcome;
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
  // A public post with personal data: never repeat it, ask for deletion and a DM instead.
  if (isPublic && input.hasPii && outcome.action !== 'urgent') {
    return { text: TEXTS.piiPublic[lang], links: [] };
  }
  switch (outcome.action) {
    case 'handoff':
      // A citizen who asked for a person gets the catalog's own wording for it, when it has one.
      return (
        (outcome.reason === 'requested_human' ? catalogReply(outcome.intent, input) : undefined) ?? {
          text: (isPublic ? TEXTS.handoffPublic : TEXTS.handoff)[lang],
          links: [],
        }
      );
    case 'clarify':
      return clarifyReply(outcome.choices, catalog, lang);
    case 'urgent':
      return catalogReply(outcome.intent, input) ?? { text: TEXTS.urgentFallback[lang], links: [] };
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

function clarifyReply(
  choices: PolicyOutcome['choices'],
  catalog: Catalog,
  lang: ReplyLanguage,
): Reply {
  const quickReplies: QuickReply[] = (choices ?? []).flatMap((id) => {
    const intent = catalog.byId.get(id);
    return intent ? [{ label: intent.name[lang], text: intent.name[lang] }] : [];
  });
  return { text: TEXTS.clarify[lang], links: [], quickReplies };
}
