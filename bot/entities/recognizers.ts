// Microsoft Recognizers-Text for what it does well: English dates, times and numbers, and phone
// numbers, URLs and e-mail addresses in any language (its sequence recognizers are
// language-neutral). The suite takes ~110 ms to load and ~300 ms to build its English date-time
// model, so it is loaded on first use (or by warmUpRecognizers() at boot), and each recognizer
// runs only when a cheap test says it could match.
//
// Cost, measured on this machine (see BENCHMARKS.md): the English date-time model takes 1–4 ms
// on a short message with no date and 5–65 ms on one with a date ("pto from january 4th to
// january 9th"). The number and sequence models take 0.03–0.15 ms at the median but allocate so
// much (diacritic stripping, JSON cache keys per call) that about one call in fifty stalls for
// 4–20 ms. None of that fits triage's 1 ms p99, so this module runs only when the caller asks
// (options.thorough, for work off the hot path such as a handoff card); the fast path uses our
// own rules (fast-entities.ts). Each recognizer is still gated on a cheap pre-check.
import type { Entity, Language } from '../types';
import { entityAt } from './entity';
import { seoulWallClock } from './seoul-calendar';

type Suite = typeof import('@microsoft/recognizers-text-suite');
type ModelResult = ReturnType<Suite['recognizeNumber']>[number];

let suite: Suite | undefined;
function recognizers(): Suite {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: the suite is large
  suite ??= require('@microsoft/recognizers-text-suite') as Suite;
  return suite;
}

const MIGHT_BE_PHONE = /\d(?:[\s().-]{0,2}\d){6}/;
const MIGHT_BE_URL = /https?:\/\/|www\.|[a-z0-9-]\.(?:kr|com|net|org|gov|go\.kr|or\.kr)\b/i;
const MIGHT_BE_NUMBER =
  /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)\b/i;
const MIGHT_BE_DATETIME = new RegExp(
  [
    '\\b(?:today|tonight|tomorrow|yesterday|weekend|fortnight|noon|midnight)\\b',
    '\\b(?:mon|tues|wednes|thurs|fri|satur|sun)day',
    '\\b(?:january|february|march|april|june|july|august|september|october|november|december)\\b',
    '\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\\.?\\s?\\d',
    '\\b(?:next|last|this|coming|past)\\s+(?:week|month|year)',
    '\\b(?:in|within|after|for)\\s+(?:\\d+|a|an|one|two|three|a few)\\s+(?:days?|weeks?|months?|years?|hours?)\\b',
    '\\bago\\b',
    '\\d\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
    '\\d:\\d\\d',
    '\\b\\d{1,2}/\\d{1,2}\\b',
    '\\b(?:19|20)\\d\\d-\\d\\d-\\d\\d\\b',
  ].join('|'),
  'i',
);

/** Loads the suite and builds its English models now, so the first message does not pay ~400 ms. */
export function warmUpRecognizers(): void {
  const r = recognizers();
  r.recognizeDateTime('next monday at 3pm', r.Culture.English, undefined, new Date());
  r.recognizeNumber('twenty five', r.Culture.English);
  r.recognizePhoneNumber('010-1234-5678', r.Culture.English);
  r.recognizeURL('https://www.gov.kr', r.Culture.English);
  r.recognizeEmail('a@b.kr', r.Culture.English);
}

// The recognizers report an inclusive end and lower-case the text; the span is rebuilt from
// start and length, checked against the input, and the text taken from the input so that
// text === input.slice(start, end).
function toEntities(
  input: string,
  folded: string,
  results: readonly ModelResult[],
  type: (r: ModelResult) => string | undefined,
  value: (r: ModelResult) => unknown,
): Entity[] {
  const out: Entity[] = [];
  for (const r of results) {
    const t = type(r);
    const end = r.start + r.text.length;
    if (!t || r.start < 0 || end > input.length) continue;
    if (folded.slice(r.start, end).toLowerCase() !== r.text.toLowerCase()) continue;
    out.push(entityAt(input, t, r.start, end, value(r)));
  }
  return out;
}

interface Resolution {
  readonly value?: string;
  readonly score?: string;
  readonly values?: readonly { readonly type?: string; readonly timex?: string; readonly value?: string; readonly start?: string; readonly end?: string }[];
}
const resolutionOf = (r: ModelResult): Resolution => (r.resolution ?? {}) as Resolution;

// Below 0.5 the phone recognizer is guessing from a bare digit run (an order number, a year).
const MIN_PHONE_SCORE = 0.5;

function dateTimeEntities(input: string, folded: string, now: Date): Entity[] {
  const r = recognizers();
  const results = r.recognizeDateTime(folded, r.Culture.English, undefined, seoulWallClock(now));
  return toEntities(
    input,
    folded,
    results,
    (m) => {
      const kind = m.typeName.replace('datetimeV2.', '');
      return kind === 'date' ? 'date' : kind === 'daterange' ? 'daterange' : 'datetime';
    },
    (m) => {
      const values = resolutionOf(m).values ?? [];
      // Ambiguous dates ("march 5th") come as [past reading, future reading]: take the future one.
      const v = values[values.length - 1];
      if (!v) return undefined;
      if (v.type === 'date' && v.value) return v.value;
      if (v.type === 'daterange' && v.start && v.end) return { start: v.start, end: v.end };
      return { kind: v.type, timex: v.timex, value: v.value ?? null, start: v.start ?? null, end: v.end ?? null };
    },
  );
}

/** Entities from Recognizers-Text, each recognizer gated by its cheap pre-check. */
export function recognizerEntities(input: string, folded: string, options: { readonly now: Date; readonly language: Language }): Entity[] {
  const out: Entity[] = [];
  const english = options.language !== 'ko';
  const culture = 'en-us';
  if (MIGHT_BE_PHONE.test(folded)) {
    const phones = recognizers().recognizePhoneNumber(folded, culture);
    out.push(
      ...toEntities(
        input,
        folded,
        phones,
        (m) => (Number(resolutionOf(m).score ?? 0) >= MIN_PHONE_SCORE ? 'phone' : undefined),
        (m) => resolutionOf(m).value ?? m.text,
      ),
    );
  }
  if (MIGHT_BE_URL.test(folded)) {
    out.push(
      ...toEntities(
        input,
        folded,
        recognizers().recognizeURL(folded, culture),
        () => 'url',
        (m) => resolutionOf(m).value ?? m.text,
      ),
    );
  }
  if (folded.includes('@')) {
    out.push(
      ...toEntities(
        input,
        folded,
        recognizers().recognizeEmail(folded, culture),
        () => 'email',
        (m) => resolutionOf(m).value ?? m.text,
      ),
    );
  }
  if (english && MIGHT_BE_DATETIME.test(folded)) out.push(...dateTimeEntities(input, folded, options.now));
  if (english && MIGHT_BE_NUMBER.test(folded)) {
    out.push(
      ...toEntities(
        input,
        folded,
        recognizers().recognizeNumber(folded, culture),
        () => 'number',
        (m) => Number(resolutionOf(m).value),
      ),
    );
  }
  return out;
}
