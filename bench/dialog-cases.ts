// Scores the catalog-trained bot on the dialog cases (issue 17): intent, action, confidently
// wrong auto-answers, and whether emergency replies lead with the right number.
//   npx tsx bench/dialog-cases.ts [--data test/data/dialog-cases.jsonl] [--failures]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../intents/loader';
import { NLU_TOOLKIT } from '../bot/nlu-toolkit';
import { triage } from '../bot/triage';
import { trainFromCatalog } from '../training/catalog-model';
import { readDialogCases, scoreCase, summarise } from '../training/dialog-evaluation';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(__dirname, '../test/data/dialog-cases.jsonl') },
    failures: { type: 'boolean', default: false },
  },
});
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const catalog = loadCatalog(DEFAULT_CATALOG_DIR);
const { model } = trainFromCatalog(catalog);
const now = new Date('2026-12-01T03:00:00Z');
const results = readDialogCases(values.data!).map((c) =>
  scoreCase(c, triage(c.text, { channel: 'web', isPublic: false, recentOutOfScope: 0, now }, model, catalog, { nlu: NLU_TOOLKIT }), catalog),
);
const s = summarise(results);
console.log(`model ${model.version}, ${s.cases} dialog cases`);
console.log(`intent right        ${pct(s.intentAccuracy)}`);
console.log(`action right        ${pct(s.actionAccuracy)}`);
console.log(`both right          ${pct(s.bothRight)}`);
console.log(`auto-answered       ${s.autoAnswered}, confidently wrong ${s.confidentlyWrong}`);
console.log(`emergency number    ${s.emergencyNumberRight === null ? 'n/a' : pct(s.emergencyNumberRight)} lead with the right number`);
console.log('\nby case (n, intent, action, both):');
for (const k of s.byCase)
  console.log(`  ${k.case.padEnd(22)} ${String(k.n).padStart(3)} ${pct(k.intent).padStart(7)} ${pct(k.action).padStart(7)} ${pct(k.both).padStart(7)}`);
if (values.failures) {
  console.log('\nfailures:');
  for (const r of results) {
    if (r.intentRight && r.actionRight && r.numberRight !== false) continue;
    console.log(
      `  [${r.c.case}] ${r.c.text}\n      gold ${r.c.intent}${r.c.also ? `+${r.c.also}` : ''}/${r.c.action} → ${r.intents.join('+')}/${r.action}${r.numberRight === false ? ' (wrong number)' : ''}`,
    );
  }
}
