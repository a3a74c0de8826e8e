// npx tsx bench/nlu-compare.ts [--only clinc150,parakqc] [--write]
// Our classifier vs natural's BayesClassifier vs NLP.js, in one process on the same data:
// accuracy (top-1, no thresholds, so the three are compared alike), training time and
// per-message latency; for CLINC150 also in-scope accuracy / out-of-scope recall at our
// thresholds tuned on val. --write puts the table into BENCHMARKS.md (its own section).
//
// Fair-fight notes: natural's word tokenizers drop Hangul, so Bayes gets our tokens instead:
// normalize() then split on anything that is not a letter or digit (Hangul kept), plus the
// Hangul syllable bigrams inside each word (Korean has no reliable spacing). Bayes re-scans
// its whole vocabulary for every document, so its training sets are subsampled (every k-th
// example, deterministic) where the table says so; NLP.js likewise on 3i4K.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { trainModel } from '../bot/classifier';
import { evaluate } from '../bot/classifier-eval';
import { readLabelledJsonl } from '../bot/jsonl';
import type { LabelledExample } from '../bot/model-types';
import { normalize } from '../bot/normalize';

/* eslint-disable @typescript-eslint/no-require-imports */
const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier') as new () => {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  classify(tokens: string[]): string;
};
const { containerBootstrap } = require('@nlpjs/core');
const { Nlp } = require('@nlpjs/nlp');
const { LangEn } = require('@nlpjs/lang-en-min');
const { LangKo } = require('@nlpjs/lang-ko');
/* eslint-enable @typescript-eslint/no-require-imports */

const DATA = '/work/shared/data/bench';

interface DataSet {
  readonly name: string;
  readonly file: string;
  readonly language: 'en' | 'ko';
  readonly val: boolean;
  /** Training-set caps for the other two systems (0 = all). */
  readonly bayesCap: number;
  readonly nlpjsCap: number;
}

const DATASETS: readonly DataSet[] = [
  { name: 'CLINC150', file: 'clinc150', language: 'en', val: true, bayesCap: 5000, nlpjsCap: 0 },
  { name: 'BANKING77', file: 'banking77', language: 'en', val: false, bayesCap: 5000, nlpjsCap: 0 },
  { name: 'ParaKQC', file: 'parakqc', language: 'ko', val: false, bayesCap: 0, nlpjsCap: 0 },
  { name: '3i4K', file: '3i4k', language: 'ko', val: false, bayesCap: 5000, nlpjsCap: 10000 },
];

interface Row {
  readonly system: string;
  readonly trained: number;
  readonly accuracy: number;
  readonly trainMs: number;
  readonly latencyMs: number;
  readonly note?: string;
}

function subsample<T>(xs: readonly T[], cap: number): readonly T[] {
  if (cap <= 0 || xs.length <= cap) return xs;
  const stride = xs.length / cap;
  return Array.from({ length: cap }, (_, i) => xs[Math.floor(i * stride)]!);
}

function bayesTokens(text: string): string[] {
  const words = normalize(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const grams = words.flatMap((w) => (/[가-힣]/.test(w) ? Array.from({ length: Math.max(0, w.length - 1) }, (_, i) => w.slice(i, i + 2)) : []));
  return [...words, ...grams];
}

function timeEach<T>(items: readonly T[], f: (x: T) => boolean): { accuracy: number; latencyMs: number } {
  let right = 0;
  const started = performance.now();
  for (const x of items) if (f(x)) right++;
  return { accuracy: right / items.length, latencyMs: (performance.now() - started) / items.length };
}

function runOurs(train: readonly LabelledExample[], test: readonly LabelledExample[], val?: readonly LabelledExample[]): { row: Row; extra: string } {
  const started = performance.now();
  const model = trainModel(train, val ? { val } : {});
  const trainMs = performance.now() - started;
  const top1 = timeEach(test, (e) => model.predict(e.text)[0]!.intent === e.intent);
  const ev = evaluate(model, test);
  const extra =
    ev.outOfScopeRecall === null
      ? `ECE raw ${ev.ece.raw.toFixed(3)} → calibrated ${ev.ece.calibrated.toFixed(3)}; p99 ${ev.latencyMs.p99.toFixed(3)} ms`
      : `at tuned thresholds ${JSON.stringify(model.thresholds)}: in-scope accuracy ${(100 * ev.inScopeAccuracy!).toFixed(2)}%, ` +
        `out-of-scope recall ${(100 * ev.outOfScopeRecall).toFixed(1)}%; ECE raw ${ev.ece.raw.toFixed(3)} → calibrated ${ev.ece.calibrated.toFixed(3)}; p99 ${ev.latencyMs.p99.toFixed(3)} ms`;
  return { row: { system: 'Sotong (ours)', trained: train.length, trainMs, ...top1 }, extra };
}

function runBayes(train: readonly LabelledExample[], test: readonly LabelledExample[]): Row {
  const started = performance.now();
  const bayes = new BayesClassifier();
  for (const e of train) bayes.addDocument(bayesTokens(e.text), e.intent);
  bayes.train();
  const trainMs = performance.now() - started;
  return { system: 'natural BayesClassifier', trained: train.length, trainMs, ...timeEach(test, (e) => bayes.classify(bayesTokens(e.text)) === e.intent) };
}

async function runNlpjs(train: readonly LabelledExample[], test: readonly LabelledExample[], language: 'en' | 'ko'): Promise<Row> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(language === 'en' ? LangEn : LangKo);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  nlp.addLanguage(language);
  const started = performance.now();
  for (const e of train) nlp.addDocument(language, e.text, e.intent);
  await nlp.train();
  const trainMs = performance.now() - started;
  let right = 0;
  const t0 = performance.now();
  for (const e of test) {
    const result = await nlp.process(language, e.text);
    // NLP.js answers 'None' when nothing scores; that is its out-of-scope.
    const intent = result.intent === 'None' ? 'out_of_scope' : result.intent;
    if (intent === e.intent) right++;
  }
  return { system: 'NLP.js', trained: train.length, trainMs, accuracy: right / test.length, latencyMs: (performance.now() - t0) / test.length };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args[args.indexOf('--only') + 1];
  const only = args.includes('--only') && onlyArg ? new Set(onlyArg.split(',')) : null;
  const sections: string[] = [];
  for (const ds of DATASETS) {
    if (only && !only.has(ds.file)) continue;
    const train = readLabelledJsonl(`${DATA}/${ds.file}-train.jsonl`);
    const test = readLabelledJsonl(`${DATA}/${ds.file}-test.jsonl`);
    const val = ds.val ? readLabelledJsonl(`${DATA}/${ds.file}-val.jsonl`) : undefined;
    process.stderr.write(`${ds.name}: ours…\n`);
    const ours = runOurs(train, test, val);
    process.stderr.write(`${ds.name}: Bayes…\n`);
    const bayes = runBayes(subsample(train, ds.bayesCap), test);
    process.stderr.write(`${ds.name}: NLP.js…\n`);
    const nlpjs = await runNlpjs(subsample(train, ds.nlpjsCap), test, ds.language);
    const rows = [ours.row, bayes, nlpjs];
    const table = [
      `### ${ds.name} (train ${train.length}, test ${test.length})`,
      '',
      '| system | trained on | top-1 accuracy | training | per message | accuracy ratio (ours / it) | speed ratio (it / ours, per message) |',
      '|---|---|---|---|---|---|---|',
      ...rows.map(
        (r) =>
          `| ${r.system} | ${r.trained} | ${(100 * r.accuracy).toFixed(2)}% | ${(r.trainMs / 1000).toFixed(1)} s | ${r.latencyMs.toFixed(3)} ms | ` +
          `${(ours.row.accuracy / r.accuracy).toFixed(3)} | ${(r.latencyMs / ours.row.latencyMs).toFixed(1)}× |`,
      ),
      '',
      `Ours, ${ours.extra}.`,
      '',
    ].join('\n');
    process.stdout.write(table + '\n');
    sections.push(table);
  }
  if (args.includes('--write')) writeSection(sections.join('\n'));
}

const SECTION = '## NLU classifier comparison';

function writeSection(body: string): void {
  const path = 'BENCHMARKS.md';
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const header =
    `${SECTION}\n\nCommand: \`npx tsx bench/nlu-compare.ts --write\`. Machine: 2 cores (AMD EPYC), Node ${process.version}, ` +
    `shared with other jobs. Date: ${new Date().toISOString().slice(0, 10)}. Top-1 accuracy without thresholds; ` +
    'Bayes gets our Hangul-keeping tokens (words + Hangul syllable bigrams); "trained on" shows deterministic subsamples.\n\n';
  const start = existing.indexOf(SECTION);
  let next = start < 0 ? -1 : existing.indexOf('\n## ', start + SECTION.length);
  if (next < 0) next = existing.length;
  const updated = start < 0 ? `${existing.trimEnd()}\n\n${header}${body}` : `${existing.slice(0, start)}${header}${body}\n${existing.slice(next)}`;
  writeFileSync(path, updated.trimEnd() + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
