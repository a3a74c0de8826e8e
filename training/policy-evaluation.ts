// How the whole bot (classifier + policy) does on labelled messages: what `sotong eval` reports
// and what issue 4's targets are stated in — accuracy, auto-answer precision and coverage,
// emergency recall.
import { confusionPairs, perLabelScores, type ConfusionPair, type LabelScores } from '../bot/label-metrics';
import { EMERGENCY_INTENT } from '../bot/policy';
import type { Action } from '../bot/types';
import type { Catalog } from '../intents/schema';

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
    emergencyRecall:
      emergencies.length === 0 ? null : share(emergencies.filter((r) => r.action === 'urgent').length, emergencies.length),
    actions,
  };
}
