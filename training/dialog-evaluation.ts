// Scores the whole bot on dialog cases: labelled messages with the action the citizen should get,
// not only the intent (test/data/dialog-cases.jsonl). What issue 17's before/after figures are.
// A clarify is right when it offers the gold intent; a two-question case is right when both of
// its intents are answered or offered. The figure that matters most is `confidentlyWrong`:
// auto-answers about the wrong topic.
import { readFileSync } from 'node:fs';
import { LabelledDataError } from '../bot/jsonl';
import { ACTIONS, type Action, type Decision } from '../bot/types';
import type { Catalog } from '../bot/intent-schema';

export interface DialogCase {
  readonly text: string;
  readonly intent: string;
  readonly action: Action;
  /** What pattern the case tests, e.g. 'contrast', 'emergency_sea'. */
  readonly case: string;
  /** The second intent of a two-question message. */
  readonly also?: string;
}

export interface DialogResult {
  readonly c: DialogCase;
  readonly intents: readonly string[];
  readonly action: Action;
  readonly intentRight: boolean;
  readonly actionRight: boolean;
  readonly confidentlyWrong: boolean;
  /** For emergency_* and money_sent cases: the reply names the number that type needs first. */
  readonly numberRight?: boolean;
}

export interface DialogScore {
  readonly cases: number;
  readonly intentAccuracy: number;
  readonly actionAccuracy: number;
  readonly bothRight: number;
  readonly autoAnswered: number;
  readonly confidentlyWrong: number;
  readonly emergencyNumberRight: number | null;
  readonly byCase: readonly { readonly case: string; readonly n: number; readonly intent: number; readonly action: number; readonly both: number }[];
}

export function readDialogCases(path: string): DialogCase[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const cases: DialogCase[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(raw) as Record<string, unknown>;
    } catch (cause) {
      throw new LabelledDataError(path, i + 1, `not valid JSON (${(cause as Error).message})`, { cause });
    }
    const { text, intent, action, case: kind, also } = v;
    if (typeof text !== 'string' || typeof intent !== 'string' || typeof kind !== 'string') {
      throw new LabelledDataError(path, i + 1, 'expected {"text", "intent", "action", "case"} strings');
    }
    if (!ACTIONS.includes(action as Action)) throw new LabelledDataError(path, i + 1, `"action" must be one of ${ACTIONS.join(', ')}`);
    cases.push({ text, intent, action: action as Action, case: kind, ...(typeof also === 'string' ? { also } : {}) });
  });
  return cases;
}

/** The number an emergency type (or money already sent) must lead with. */
const NUMBER_FOR: Readonly<Record<string, string>> = {
  emergency_fire: '119',
  emergency_rescue: '119',
  emergency_medical: '119',
  emergency_entrapment: '119',
  emergency_crime: '112',
  emergency_stalking: '112',
  emergency_suicide: '109',
  emergency_sea: '122',
  money_sent: '112',
};

/** Intent ids a decision answers or offers: its intent, its second answer, its clarify choices. */
export function decisionIntents(decision: Decision, catalog: Catalog): string[] {
  const ids = new Set<string>([decision.intent, ...(decision.alsoIntent ? [decision.alsoIntent] : []), ...(decision.choices ?? [])]);
  // Older decisions carry their choices only as quick-reply labels: map them back to ids.
  for (const q of decision.reply?.quickReplies ?? []) {
    for (const intent of catalog.intents) if (intent.name.ko === q.text || intent.name.en === q.text) ids.add(intent.id);
  }
  return [...ids];
}

export function scoreCase(c: DialogCase, decision: Decision, catalog: Catalog): DialogResult {
  const intents = decisionIntents(decision, catalog);
  const offered = decision.action === 'clarify' || Boolean(decision.alsoIntent);
  const covers = (id: string) => (offered ? intents.includes(id) : decision.intent === id);
  const intentRight = covers(c.intent) && (!c.also || covers(c.also));
  const actionRight = decision.action === c.action;
  const wanted = NUMBER_FOR[c.case];
  const text = decision.reply?.text ?? '';
  return {
    c,
    intents,
    action: decision.action,
    intentRight,
    actionRight,
    confidentlyWrong: decision.action === 'auto_answer' && !intentRight,
    ...(wanted && c.action === 'urgent' ? { numberRight: firstNumber(text) === wanted } : {}),
  };
}

/** The first emergency-style number a reply names: what a citizen in danger reads first. */
function firstNumber(text: string): string | undefined {
  return /\b(1(?:12|19|09|22|332))\b/.exec(text)?.[1];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function summarise(results: readonly DialogResult[]): DialogScore {
  const kinds = [...new Set(results.map((r) => r.c.case))];
  const numbered = results.filter((r) => r.numberRight !== undefined);
  return {
    cases: results.length,
    intentAccuracy: share(results.filter((r) => r.intentRight).length, results.length),
    actionAccuracy: share(results.filter((r) => r.actionRight).length, results.length),
    bothRight: share(results.filter((r) => r.intentRight && r.actionRight).length, results.length),
    autoAnswered: results.filter((r) => r.action === 'auto_answer').length,
    confidentlyWrong: results.filter((r) => r.confidentlyWrong).length,
    emergencyNumberRight: numbered.length === 0 ? null : share(numbered.filter((r) => r.numberRight).length, numbered.length),
    byCase: kinds.map((kind) => {
      const rs = results.filter((r) => r.c.case === kind);
      return {
        case: kind,
        n: rs.length,
        intent: share(rs.filter((r) => r.intentRight).length, rs.length),
        action: share(rs.filter((r) => r.actionRight).length, rs.length),
        both: share(rs.filter((r) => r.intentRight && r.actionRight).length, rs.length),
      };
    }),
  };
}
