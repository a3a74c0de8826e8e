// The dialog rules applied after the policy, for what a classifier cannot learn from one
// message: abuse that carries a complaint, urgent situations (an emergency's type, money just
// sent to a scammer), and what a reply to our own clarifying question means. Pure.
import type { Catalog } from './intent-schema';
import { hasInsult, hasSubstance, withoutInsults } from './abuse';
import { OUT_OF_SCOPE, type IntentModel } from './model-types';
import { EMERGENCY_INTENT, type PolicyOutcome } from './policy';
import type { TriageOutcome } from './reply';
import { matchSituation } from './situations';
import type { IntentScore } from './types';

export const SCAM_INTENT = 'scam.voice_phishing';
export const COMPLAINT_INTENT = 'complaint.file';
export const HUMAN_INTENT = 'chat.human';
/** A scam must be at least this likely for "I sent money" to be read as sent to a scammer. */
const SCAM_PRESENT = 0.1;
/** The substance of an abusive message must be this clear to route by its topic. */
const SUBSTANCE_MIN = 0.5;

export interface DialogRuleInput {
  readonly text: string;
  readonly outcome: PolicyOutcome;
  readonly scores: readonly IntentScore[];
  readonly model: IntentModel;
  readonly catalog: Catalog;
  /** The intents our previous message offered in a clarifying question. */
  readonly pendingChoices?: readonly string[] | undefined;
}

export function applyDialogRules(input: DialogRuleInput): TriageOutcome {
  const urgent = urgentSituation(input);
  if (urgent) return urgent;
  const abuse = abuseWithSubstance(input);
  if (abuse) return abuse;
  return afterClarify(input, input.outcome);
}

/** Money just sent, or details given, to a suspected scammer; or the type of an emergency. */
function urgentSituation({ text, outcome, scores, catalog }: DialogRuleInput): TriageOutcome | undefined {
  // Danger to life first: a friend self-harming who "sent a photo" is not a money transfer.
  const danger = outcome.action === 'urgent' ? matchSituation(text, catalog.byId.get(outcome.intent)) : undefined;
  if (danger) return { ...outcome, situation: danger };
  const scam = scores.find((s) => s.intent === SCAM_INTENT);
  const scamLikely = outcome.intent === SCAM_INTENT || (scam?.confidence ?? 0) >= SCAM_PRESENT || outcome.intent === EMERGENCY_INTENT;
  if (scamLikely) {
    const situation = matchSituation(text, catalog.byId.get(SCAM_INTENT));
    if (situation) return { intent: SCAM_INTENT, confidence: outcome.confidence, action: 'urgent', reason: 'urgent', situation };
  }
  return outcome.action === 'urgent' ? outcome : undefined;
}

/**
 * Pure abuse is moderated; abuse with a complaint or question is acknowledged calmly and goes
 * where its substance goes: the topic it names, else a complaint, always to a person.
 */
function abuseWithSubstance({ text, outcome, model, catalog }: DialogRuleInput): TriageOutcome | undefined {
  const abusive = outcome.action === 'moderate' || hasInsult(text);
  if (!abusive || outcome.action === 'auto_answer' || outcome.action === 'urgent' || !hasSubstance(text)) return undefined;
  const substance = model.predict(withoutInsults(text))[0];
  const routed =
    substance && substance.confidence >= SUBSTANCE_MIN && substance.intent !== OUT_OF_SCOPE && catalog.byId.get(substance.intent)?.policy === 'faq'
      ? substance.intent
      : COMPLAINT_INTENT;
  const reason = outcome.intent === HUMAN_INTENT ? 'requested_human' : 'policy_handoff';
  return { intent: routed, confidence: outcome.confidence, action: 'handoff', reason, flags: ['abusive_language'], acknowledgeAbuse: true };
}

/** After a clarifying question, a second unclear answer (or "상담원") goes to a person. */
function afterClarify({ pendingChoices }: DialogRuleInput, outcome: PolicyOutcome): TriageOutcome {
  if (!pendingChoices || pendingChoices.length === 0) return outcome;
  if (outcome.action === 'auto_answer' || outcome.action === 'urgent' || outcome.action === 'smalltalk' || outcome.action === 'moderate') return outcome;
  return { intent: outcome.intent, confidence: outcome.confidence, action: 'handoff', reason: 'ambiguous' };
}

/** The intent a reply to our clarifying question picks: a button's text, or its number on X. */
export function pickedChoice(text: string, choices: readonly string[] | undefined, catalog: Catalog): string | undefined {
  if (!choices || choices.length === 0) return undefined;
  const said = text
    .trim()
    .replace(/[.)\s]+$/u, '')
    .toLowerCase();
  const n = /^[1-9]$/.test(said) ? Number(said) : 0;
  if (n > 0) return choices[n - 1];
  return choices.find((id) => {
    const name = catalog.byId.get(id)?.name;
    return name !== undefined && (name.ko.toLowerCase() === said || name.en.toLowerCase() === said);
  });
}
