// Per-label precision / recall / F1 and confusion pairs over (gold, predicted) records: the
// one implementation behind bench-nlu, `sotong eval` and the trainer's evaluation.

export interface LabelledPrediction {
  readonly gold: string;
  readonly intent: string;
}

export interface LabelScores {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Gold examples of this label. */
  readonly support: number;
}

export interface ConfusionPair {
  readonly gold: string;
  readonly predicted: string;
  readonly count: number;
}

export function perLabelScores(records: readonly LabelledPrediction[]): LabelScores[] {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of records) {
    if (r.intent === r.gold) bump(tp, r.gold);
    else {
      bump(fp, r.intent);
      bump(fn, r.gold);
    }
  }
  const labels = [...new Set([...tp.keys(), ...fp.keys(), ...fn.keys()])].sort();
  return labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const p = fp.get(label) ?? 0;
    const n = fn.get(label) ?? 0;
    return {
      label,
      precision: t + p === 0 ? 0 : t / (t + p),
      recall: t + n === 0 ? 0 : t / (t + n),
      f1: 2 * t + p + n === 0 ? 0 : (2 * t) / (2 * t + p + n),
      support: t + n,
    };
  });
}

export function macroF1(records: readonly LabelledPrediction[]): number {
  const scores = perLabelScores(records);
  return scores.length === 0 ? 0 : scores.reduce((sum, s) => sum + s.f1, 0) / scores.length;
}

/** Mistakes grouped by (gold, predicted), most frequent first. */
export function confusionPairs(records: readonly LabelledPrediction[]): ConfusionPair[] {
  const counts = new Map<string, ConfusionPair>();
  for (const r of records) {
    if (r.intent === r.gold) continue;
    const key = `${r.gold}\u0000${r.intent}`;
    const prev = counts.get(key);
    counts.set(key, { gold: r.gold, predicted: r.intent, count: (prev?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold));
}
