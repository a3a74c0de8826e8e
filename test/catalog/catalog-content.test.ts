// Checks over the intent files that exist right now; the catalog is written by several people,
// so completeness is a separate test (catalog-complete.test.ts).
import { findCrossIntentDuplicates } from '../../intents/duplicates';
import { isIntentId } from '../../intents/intent-ids';
import { loadCatalog } from '../../intents/loader';
import { isOfficialSource } from '../../intents/official-sources';
import { renderPublicAnswer, xWeightedLength, X_MAX_WEIGHTED_LENGTH } from '../../intents/public-length';

const catalog = loadCatalog();
const intents = catalog.intents.map((intent) => [intent.id, intent] as const);
const LANGS = ['ko', 'en'] as const;
const MAX_PRIVATE_CHARS = 900;
const MIN_EXAMPLES = { ko: 60, en: 20 };
const MIN_OUT_OF_SCOPE_TOTAL = 300;

it('has at least one intent file to check', () => {
  expect(catalog.intents.length).toBeGreaterThan(0);
});

/** Every answer an intent can send: its own and its urgent situations'. */
const allAnswers = (intent: (typeof catalog.intents)[number]) => [...intent.answers, ...(intent.situations ?? []).map((s) => s.answer)];

describe.each(intents)('%s', (id, intent) => {
  it('has enough examples', () => {
    expect(intent.examples.ko.length).toBeGreaterThanOrEqual(MIN_EXAMPLES.ko);
    expect(intent.examples.en.length).toBeGreaterThanOrEqual(MIN_EXAMPLES.en);
    if (id === 'out_of_scope') {
      expect(intent.examples.ko.length + intent.examples.en.length).toBeGreaterThanOrEqual(MIN_OUT_OF_SCOPE_TOTAL);
    }
  });

  it("links only to the intent's official sources", () => {
    const unofficial = intent.links.map((link) => link.url).filter((url) => !isIntentId(id) || !isOfficialSource(id, url));
    expect(unofficial).toEqual([]);
  });

  it('fits every public answer in one post on X, in both languages', () => {
    const tooLong = allAnswers(intent).flatMap((answer, a) =>
      LANGS.map((lang) => ({ answer: a, lang, text: renderPublicAnswer(answer, intent.links, lang) }))
        .map((post) => ({ ...post, length: xWeightedLength(post.text) }))
        .filter((post) => post.length > X_MAX_WEIGHTED_LENGTH),
    );
    expect(tooLong).toEqual([]);
  });

  it('keeps every private answer within the DM length', () => {
    const tooLong = allAnswers(intent).flatMap((answer, a) =>
      LANGS.filter((lang) => answer.private[lang].length > MAX_PRIVATE_CHARS).map((lang) => ({ answer: a, lang })),
    );
    expect(tooLong).toEqual([]);
  });
});

it('has no example under two intents, nor twice under one', () => {
  const describePair = (p: ReturnType<typeof findCrossIntentDuplicates>[number]) =>
    `${p.kind} ${p.similarity.toFixed(2)}: ${p.a.intent} "${p.a.text}" ~ ${p.b.intent} "${p.b.text}"`;
  const pairs = findCrossIntentDuplicates(catalog).filter((p) => p.kind === 'cross-intent' || p.similarity === 1);
  expect(pairs.map(describePair)).toEqual([]);
});
