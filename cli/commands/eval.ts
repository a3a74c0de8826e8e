// `sotong eval --data FILE.jsonl [--predictions out.jsonl] [--json] [--catalog DIR]`
// Trains the model from the catalog and runs every labelled message through the full triage
// policy, reporting what issue 4's targets are stated in.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLabelledJsonl } from '../../bot/jsonl';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../../intents/loader';
import { progressPrinter, trainFromCatalog } from '../../training/catalog-model';
import { evaluatePolicy, triageLabelled, type PolicyEvaluation, type PolicyRecord } from '../../training/policy-evaluation';
import { precisionCoverageCurve } from '../../training/auto-answer-thresholds';
import type { Catalog } from '../../bot/intent-schema';
import type { CliCommand } from '../command';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export const command: CliCommand = {
  name: 'eval',
  summary: 'Evaluate the catalog-trained model with the full policy on a labelled JSONL file',
  async run(args, io) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        data: { type: 'string' },
        predictions: { type: 'string' },
        catalog: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.data) {
      io.stderr.write('usage: sotong eval --data FILE.jsonl [--predictions out.jsonl] [--json] [--catalog DIR]\n');
      return 2;
    }
    const catalog = loadCatalog(values.catalog ?? DEFAULT_CATALOG_DIR);
    const data = readLabelledJsonl(values.data);
    const { model } = trainFromCatalog(catalog, { onProgress: progressPrinter((l) => io.stderr.write(l)) });
    const now = new Date();
    const records: PolicyRecord[] = data.map((example) => triageLabelled(example, model, catalog, now).record);
    const evaluation = evaluatePolicy(records, catalog);
    if (values.predictions) {
      writeFileSync(values.predictions, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
    io.stdout.write(
      values.json ? JSON.stringify({ model: model.version, ...evaluation }, null, 2) + '\n' : report(model.version, evaluation, records, catalog),
    );
    return 0;
  },
};

function report(version: string, e: PolicyEvaluation, records: readonly PolicyRecord[], catalog: Catalog): string {
  const isFaq = (id: string) => catalog.byId.get(id)?.policy === 'faq';
  const faqRecords = records.filter((r) => isFaq(r.gold));
  const curve = precisionCoverageCurve(
    faqRecords.map((r) => ({ gold: r.gold, intent: r.intent, confidence: r.confidence })),
    isFaq,
  );
  const perIntent = catalog.intents.filter((i) => i.threshold !== undefined);
  const lines = [
    `model ${version}, ${e.examples} messages`,
    `accuracy            ${pct(e.accuracy)}`,
    `auto-answered       ${e.autoAnswer.answered} (precision ${pct(e.autoAnswer.precision)}, FAQ coverage ${pct(e.autoAnswer.faqCoverage)})`,
    `emergency recall    ${pct(e.emergencyRecall)}`,
    `actions             ${Object.entries(e.actions)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ')}`,
    '',
    'precision / coverage if every FAQ message whose top score clears one global threshold were answered:',
    ...curve.map((c) => `  ≥ ${c.threshold.toFixed(2)}   coverage ${pct(c.coverage).padStart(6)}   precision ${pct(c.precision).padStart(6)}`),
    `operating point: per-intent thresholds (${perIntent.length} set in the catalog, the rest 0.85) plus the disagreement checks → ` +
      `precision ${pct(e.autoAnswer.precision)}, FAQ coverage ${pct(e.autoAnswer.faqCoverage)}`,
    '',
    'per intent (precision / recall / support):',
    ...e.perIntent.map((s) => `  ${s.label.padEnd(34)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${String(s.support).padStart(4)}`),
  ];
  if (e.confusion.length > 0) {
    lines.push('', 'confusions (gold → predicted):', ...e.confusion.slice(0, 15).map((c) => `  ${c.count} × ${c.gold} → ${c.predicted}`));
  }
  return lines.join('\n') + '\n';
}
