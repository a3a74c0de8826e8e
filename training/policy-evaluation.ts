// How the whole bot (classifier + policy) does on labelled messages: what `sotong eval` reports
// and what issue 4's targets are stated in — accuracy, auto-answer precision and coverage,
// emergency recall.
import { confusionPairs, perLabelScores, type ConfusionPair, type LabelScores } from '../bot/label-metrics';
import { EMERGENCY_INTENT } from '../bot/policy';
import type { IntentModel, LabelledExample } from '../bot/model-types';
import { NLU_TOOLKIT } from '../bot/nlu-toolkit';
import { triage } from '../bot/triage';
import type { Action, Decision } from '../bot/types';
import type { Catalog } from '../bot/intent-schema';

export interface PolicyRecord {
  readonly text: string;
  readonly gold: string;
  readonly intent: string;
  readonly confidence: number;
  readonly action: Action;
}

export interface PolicyEvaluation {
  readonly examples: number;
  readonly accuracy: number;
  readonly perIntent: readonly LabelScores[];
  readonly confusion: readonly ConfusionPair[];
  readonly autoAnswer: {
    /** Messages answered without a person. */
    readonly answered: number;
    /** Share of those whose intent was right. */
    readonly precision: number;
    /** Share of messages whose gold intent is an FAQ that were auto-answered. */
    readonly faqCoverage: number;
  };
  /** Share of gold emergencies that got the `urgent` action. */
  readonly emergencyRecall: number | null;
  readonly actions: Readonly<Partial<Record<Action, number>>>;
}

/**
 * Triages one labelled message the way every evaluation does: as a private chat message with no
 * out-of-scope streak (channel and publicity change only the reply text, not the decision).
 */
export function triageLabelled(
  example: LabelledExample,
  model: IntentModel,
  catalog: Catalog,
  now: Date,
): { readonly record: PolicyRecord; readonly decision: Decision } {
  const decision = triage(example.text, { channel: 'web', isPublic: false, recentOutOfScope: 0, now }, model, catalog, { nlu: NLU_TOOLKIT });
  return {
    decision,
    record: { text: example.text, gold: example.intent, intent: decision.intent, confidence: decision.confidence, action: decision.action },
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function evaluatePolicy(records: readonly PolicyRecord[], catalog: Catalog): PolicyEvaluation {
  const answered = records.filter((r) => r.action === 'auto_answer');
  const faq = records.filter((r) => catalog.byId.get(r.gold)?.policy === 'faq');
  const emergencies = records.filter((r) => r.gold === EMERGENCY_INTENT);
  const actions: Partial<Record<Action, number>> = {};
  for (const r of records) actions[r.action] = (actions[r.action] ?? 0) + 1;
  return {
    examples: records.length,
    accuracy: share(records.filter((r) => r.intent === r.gold).length, records.length),
    perIntent: perLabelScores(records),
    confusion: confusionPairs(records),
    autoAnswer: {
      answered: answered.length,
      precision: share(answered.filter((r) => r.intent === r.gold).length, answered.length),
      faqCoverage: share(faq.filter((r) => r.action === 'auto_answer').length, faq.length),
    },
    emergencyRecall: emergencies.length === 0 ? null : share(emergencies.filter((r) => r.action === 'urgent').length, emergencies.length),
    actions,
  };
}
