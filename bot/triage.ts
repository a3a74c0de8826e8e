// triage(): text + conversation + model + catalog → Decision. Pure: no I/O, no clock (the time
// comes in the conversation context), so every rule can be tested with a table.
import type { Catalog } from './intent-schema';
import type { IntentModel } from './model-types';
import { DEFAULT_POLICY, decideAction, type PolicyConfig } from './policy';
import { hasRedactionTag } from './pii/public-post';
import { buildReply, replyLanguage } from './reply';
import { thresholdScores } from './thresholds';
import type { ConversationContext, Decision, Entity, Language, PiiFinding } from './types';

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

export function triage(
  text: string,
  conversation: ConversationContext,
  model: IntentModel,
  catalog: Catalog,
  options: TriageOptions,
): Decision {
  const { nlu } = options;
  const scores = model.predict(text);
  const topK = scores.slice(0, options.topK ?? 5);
  // The model's out-of-scope rejection; the policy applies its own ambiguity margin.
  const { intent, confidence } = thresholdScores(scores, model.thresholds);
  const language = nlu.detectLanguage(text);

  const outcome = decideAction(
    {
      topK,
      intent,
      confidence,
      policyOf: (id) => catalog.byId.get(id)?.policy,
      thresholdOf: (id) => catalog.byId.get(id)?.threshold,
      recentOutOfScope: conversation.recentOutOfScope,
    },
    options.policy ?? DEFAULT_POLICY,
  );

  const pii = nlu.detectPii(text);
  const reply = buildReply({
    outcome,
    catalog,
    lang: replyLanguage(language, conversation.language),
    isPublic: conversation.isPublic,
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
    modelVersion: model.version,
  };
}
