// Per-intent auto-answer thresholds chosen for a precision target (issue 17: ≥ 99%), and the
// precision/coverage curve they are read from. The scores come from out-of-fold predictions on
// the catalog's own examples (stratified k-fold: each example is scored by a model that never
// saw it), so the thresholds are not fitted to the messages they are later judged on.
import { trainModel, type TrainOptions } from '../bot/classifier';
import { NLU_TOOLKIT } from '../bot/nlu-toolkit';
import { DEFAULT_POLICY } from '../bot/policy';
import { triage } from '../bot/triage';
import type { Catalog } from '../bot/intent-schema';
import { catalogExamples } from './catalog-examples';
import { DEFAULT_EVALUATION_SEED, DEFAULT_FOLDS, stratifiedFolds } from './evaluation';

/** One held-out message as the auto-answer gate sees it. */
export interface ScoredAnswer {
  readonly gold: string;
  /** The top intent the model gave it. */
  readonly intent: string;
  readonly confidence: number;
}

export interface ThresholdChoice {
  readonly intent: string;
  readonly threshold: number;
  /** Held-out predictions of this intent at or above the threshold, and how many were right. */
  readonly answered: number;
  readonly right: number;
  /** True when too few predictions cleared any threshold, and the fallback was kept. */
  readonly fallback: boolean;
}

export interface ThresholdOptions {
  readonly target: number;
  /** A threshold is only trusted with at least this many held-out predictions above it. */
  readonly minSupport: number;
  /** What an intent without enough evidence keeps. */
  readonly fallback: number;
  /** Lowest threshold considered: below it an answer is a guess whatever the precision says. */
  readonly floor: number;
}

const OPEN_GATE = { ...DEFAULT_POLICY, autoAnswerThreshold: 0 };

export const DEFAULT_THRESHOLD_OPTIONS: ThresholdOptions = { target: 0.99, minSupport: 20, fallback: 0.85, floor: 0.5 };

const GRID = Array.from({ length: 50 }, (_, i) => Math.round((0.5 + i * 0.01) * 100) / 100);

/**
 * For each intent, the lowest threshold on a 0.01 grid at which the held-out predictions of that
 * intent reach the target precision with enough support. Lower means more answered; the target
 * keeps it safe.
 */
export function chooseThresholds(
  scored: readonly ScoredAnswer[],
  intents: readonly string[],
  options: ThresholdOptions = DEFAULT_THRESHOLD_OPTIONS,
): ThresholdChoice[] {
  return intents.map((intent) => {
    const mine = scored.filter((s) => s.intent === intent);
    for (const t of GRID.filter((g) => g >= options.floor)) {
      const above = mine.filter((s) => s.confidence >= t);
      const right = above.filter((s) => s.gold === intent).length;
      if (above.length >= options.minSupport && right / above.length >= options.target) {
        return { intent, threshold: t, answered: above.length, right, fallback: false };
      }
    }
    const above = mine.filter((s) => s.confidence >= options.fallback);
    return { intent, threshold: options.fallback, answered: above.length, right: above.filter((s) => s.gold === intent).length, fallback: true };
  });
}

export interface CurveRow {
  readonly threshold: number;
  /** Share of all messages answered at this threshold. */
  readonly coverage: number;
  readonly precision: number | null;
}

/** Precision and coverage of answering every message whose top score clears each threshold. */
export function precisionCoverageCurve(scored: readonly ScoredAnswer[], canAnswer: (intent: string) => boolean): CurveRow[] {
  const candidates = scored.filter((s) => canAnswer(s.intent));
  return [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99].map((threshold) => {
    const answered = candidates.filter((s) => s.confidence >= threshold);
    const right = answered.filter((s) => s.gold === s.intent).length;
    return {
      threshold,
      coverage: scored.length === 0 ? 0 : answered.length / scored.length,
      precision: answered.length === 0 ? null : right / answered.length,
    };
  });
}

/**
 * Out-of-fold results for every catalog example (k models, each blind to its fold). `top`: the
 * classifier's top intent for each example. `gate`: only the examples the whole triage would
 * auto-answer at a threshold of 0 — what is left after the disagreement checks, margins and
 * clarifies — which is what a per-intent threshold then filters.
 */
export function outOfFoldScores(
  catalog: Catalog,
  options: { folds?: number; seed?: number; train?: Omit<TrainOptions, 'seed'>; mode?: 'top' | 'gate'; now?: Date } = {},
): ScoredAnswer[] {
  const k = options.folds ?? DEFAULT_FOLDS;
  const seed = options.seed ?? DEFAULT_EVALUATION_SEED;
  const folds = stratifiedFolds(catalogExamples(catalog), k, seed);
  // The gate is measured with every threshold open: the thresholds are what is being chosen.
  const intents = catalog.intents.map(({ threshold: _dropped, ...rest }) => rest);
  const open: Catalog = { intents, byId: new Map(intents.map((i) => [i.id, i])) };
  const scored: ScoredAnswer[] = [];
  folds.forEach((test, i) => {
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    if (test.length === 0 || train.length === 0) return;
    const model = trainModel(train, { ...options.train, seed });
    for (const e of test) {
      if (options.mode === 'gate') {
        const d = triage(e.text, { channel: 'web', isPublic: false, recentOutOfScope: 0, now: options.now ?? new Date() }, model, open, {
          nlu: NLU_TOOLKIT,
          policy: OPEN_GATE,
        });
        if (d.action === 'auto_answer') scored.push({ gold: e.intent, intent: d.intent, confidence: d.confidence });
        continue;
      }
      const top = model.predict(e.text)[0];
      if (top) scored.push({ gold: e.intent, intent: top.intent, confidence: top.confidence });
    }
  });
  return scored;
}
