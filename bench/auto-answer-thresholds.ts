// Chooses per-intent auto-answer thresholds for ≥ 99% precision by 5-fold cross-validation on
// the catalog's own examples (issue 17), and prints the pooled precision/coverage curve.
//   npx tsx bench/auto-answer-thresholds.ts [--target 0.99] [--min-support 20]
// The chosen values are copied into each intent's `threshold:` in intents/catalog/ by hand, so a
// reviewer sees every change; intents marked "fallback" had too little evidence and keep 0.85.
import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../intents/loader';
import { chooseThresholds, DEFAULT_THRESHOLD_OPTIONS, outOfFoldScores, precisionCoverageCurve } from '../training/auto-answer-thresholds';

const { values } = parseArgs({ options: { target: { type: 'string' }, 'min-support': { type: 'string' }, top: { type: 'boolean', default: false } } });
const options = {
  ...DEFAULT_THRESHOLD_OPTIONS,
  ...(values.target ? { target: Number(values.target) } : {}),
  ...(values['min-support'] ? { minSupport: Number(values['min-support']) } : {}),
};
const catalog = loadCatalog(DEFAULT_CATALOG_DIR);
const started = Date.now();
// Default: the whole triage's auto-answer candidates (disagreement checks included); --top: raw top intents.
const scored = outOfFoldScores(catalog, { mode: values.top ? 'top' : 'gate' });
const faq = catalog.intents.filter((i) => i.policy === 'faq').map((i) => i.id);
const isFaq = (id: string) => faq.includes(id);
console.log(`${scored.length} held-out catalog examples scored, 5 folds, ${((Date.now() - started) / 1000).toFixed(1)} s`);
const faqExamples = catalog.intents.filter((i) => isFaq(i.id)).reduce((n, i) => n + i.examples.ko.length + i.examples.en.length, 0);
console.log('\none global threshold → coverage of FAQ examples / precision:');
for (const row of precisionCoverageCurve(scored, isFaq)) {
  const coverage = (row.coverage * scored.length) / faqExamples;
  console.log(
    `  ${row.threshold.toFixed(2)}  ${(coverage * 100).toFixed(1).padStart(5)}%  ${row.precision === null ? 'n/a' : (row.precision * 100).toFixed(2) + '%'}`,
  );
}
console.log(`\nper-intent thresholds for precision ≥ ${options.target} (min support ${options.minSupport}):`);
const choices = chooseThresholds(scored, faq, options);
for (const c of choices) {
  console.log(`  ${c.intent.padEnd(34)} ${c.threshold.toFixed(2)}  ${c.right}/${c.answered}${c.fallback ? '  (fallback)' : ''}`);
}
const answered = choices.reduce((n, c) => n + c.answered, 0);
const right = choices.reduce((n, c) => n + c.right, 0);
console.log(
  `\noperating point on held-out catalog examples: precision ${((right / answered) * 100).toFixed(2)}%, coverage of FAQ examples ${((answered / faqExamples) * 100).toFixed(1)}%`,
);
