// triage(): text + conversation + model + catalog → Decision. Pure: no I/O, no clock (the time
// comes in the conversation context), so every rule can be tested with a table.
//
// The steps, in order: a reply to our own clarifying question; unreadable input; reading the
// message (contrast, context, two requests: bot/reading.ts); the policy (bot/policy.ts); then
// the dialog rules the model cannot learn (bot/dialog-rules.ts): abuse with substance, urgent
// situations, and a second unclear answer after a clarify.
import type { Catalog } from './intent-schema';
import { applyDialogRules, pickedChoice } from './dialog-rules';
import type { IntentModel } from './model-types';
import { OUT_OF_SCOPE } from './model-types';
import { DEFAULT_POLICY, EMERGENCY_INTENT, decideAction, type PolicyConfig } from './policy';
import { hasDangerSign } from './situations';
import { hasRedactionTag } from './pii/public-post';
import { readMessage } from './reading';
import { buildReply, replyLanguage, type TriageOutcome } from './reply';
import { thresholdScores } from './thresholds';
import type { ConversationContext, Decision, Entity, Language, PiiFinding } from './types';
import { isUnreadable } from './unreadable';
import { vagueCandidates } from './vague';

/** The text tools triage uses: injected so triage stays a function of its inputs. */
export interface NluToolkit {
  detectLanguage(text: string): Language;
  extractEntities(text: string, options: { now: Date; language: Language }): Entity[];
  detectPii(text: string): PiiFinding[];
}

export interface TriageOptions {
  readonly nlu: NluToolkit;
  readonly policy?: PolicyConfig;
  /** How many intent guesses the decision keeps. */
  readonly topK?: number;
}

export function triage(text: string, conversation: ConversationContext, model: IntentModel, catalog: Catalog, options: TriageOptions): Decision {
  const { nlu } = options;
  const policyOf = (id: string) => catalog.byId.get(id)?.policy;
  const language = nlu.detectLanguage(text);
  const picked = pickedChoice(text, conversation.pendingChoices, catalog);
  const reading = picked || isUnreadable(text) ? undefined : readMessage(text, model, (id) => policyOf(id) === 'faq');
  const scores = reading?.scores ?? model.predict(text);
  const topK = scores.slice(0, options.topK ?? 5);

  let outcome: TriageOutcome;
  if (picked) {
    outcome = { intent: picked, confidence: 1, action: 'auto_answer' };
  } else if (!reading) {
    outcome = { intent: OUT_OF_SCOPE, confidence: 1, action: 'clarify', unreadable: true };
  } else {
    // The model's out-of-scope rejection; the policy applies its own ambiguity margin.
    // After a contrast with nothing clear left, the remaining scores are low by nature: the policy
    // asks among them (disagreement) instead of the threshold calling it out of scope.
    const { intent, confidence } = reading.disagreement === 'contrast' && scores[0] ? scores[0] : thresholdScores(scores, model.thresholds);
    const vague = vagueCandidates(text, catalog);
    const policyOutcome = decideAction(
      {
        topK,
        intent,
        confidence,
        policyOf,
        thresholdOf: (id) => catalog.byId.get(id)?.threshold,
        recentOutOfScope: conversation.recentOutOfScope,
        ...(reading.excluded ? { excluded: reading.excluded } : {}),
        ...(reading.disagreement ? { disagreement: reading.disagreement } : {}),
        ...(reading.requests ? { requests: reading.requests } : {}),
        ...(vague ? { vague: orderByScore(vague, scores) } : {}),
        dangerSign: hasDangerSign(text, catalog.byId.get(EMERGENCY_INTENT)),
      },
      options.policy ?? DEFAULT_POLICY,
    );
    outcome = applyDialogRules({ text, outcome: policyOutcome, scores, model, catalog, pendingChoices: conversation.pendingChoices });
  }

  const pii = nlu.detectPii(text);
  const reply = buildReply({
    outcome,
    catalog,
    lang: replyLanguage(language, conversation.language),
    isPublic: conversation.isPublic,
    channel: conversation.channel,
    // Text from the store is already redacted; its tags still say the citizen posted PII.
    hasPii: pii.length > 0 || hasRedactionTag(text),
    now: conversation.now,
  });

  return {
    intent: outcome.intent,
    confidence: outcome.confidence,
    topK,
    entities: nlu.extractEntities(text, { now: conversation.now, language }),
    pii,
    language,
    action: outcome.action,
    ...(reply ? { reply } : {}),
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.choices && outcome.action === 'clarify' ? { choices: outcome.choices } : {}),
    ...(outcome.alsoIntent ? { alsoIntent: outcome.alsoIntent } : {}),
    ...(outcome.flags ? { flags: outcome.flags } : {}),
    ...(outcome.situation ? { situation: outcome.situation.id } : {}),
    modelVersion: model.version,
  };
}

function orderByScore(ids: readonly string[], scores: readonly { intent: string; confidence: number }[]): string[] {
  const score = (id: string) => scores.find((s) => s.intent === id)?.confidence ?? 0;
  return [...ids].sort((a, b) => score(b) - score(a));
}
