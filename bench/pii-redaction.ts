// Recall and look-alike alteration of the PII redactor, per type, on bench/pii/corpus.jsonl
// (build it with bench/pii/build-corpus.ts). A PII item counts as caught when none of its values
// survives redaction, not even a 5-character piece of one (separators and invisible characters
// ignored); a look-alike counts as altered when the redacted text differs from the input at all.
// Targets (issue 13): recall >= 99% and alteration <= 2% for every type.
// Run: npx tsx bench/pii-redaction.ts [--misses]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { redactPii } from '../bot/pii';
import type { CorpusItem, CorpusType } from './pii/build-corpus';

const corpus: CorpusItem[] = readFileSync(path.join(__dirname, 'pii', 'corpus.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as CorpusItem);
const showMisses = process.argv.includes('--misses');

const squeeze = (s: string) => s.replace(/[\s\-.)(\u200B-\u200D\u2060\uFEFF－]/g, '').replace(/\[(?:RRN|PHONE|CARD|ACCOUNT|PASSPORT|EMAIL)\]/g, '|');

function leaks(redacted: string, value: string): boolean {
  const have = squeeze(redacted);
  const v = squeeze(value);
  if (v.length <= 5) return have.includes(v);
  for (let i = 0; i + 5 <= v.length; i++) if (have.includes(v.slice(i, i + 5))) return true;
  return false;
}

const rows: string[] = [];
const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
let allCaught = 0;
let allPii = 0;
for (const type of ['RRN', 'PHONE', 'CARD', 'ACCOUNT', 'PASSPORT', 'EMAIL'] as const satisfies readonly CorpusType[]) {
  const list = corpus.filter((c) => c.type === type);
  const missed = list.filter((c) => c.values.some((v) => leaks(redactPii(c.text).text, v)));
  allCaught += list.length - missed.length;
  allPii += list.length;
  rows.push(`| ${type} | ${list.length} | ${list.length - missed.length} | ${pct(list.length - missed.length, list.length)} |`);
  if (showMisses) for (const m of missed) console.log(`MISS ${m.id} ${m.kind}: ${JSON.stringify(m.text)} → ${JSON.stringify(redactPii(m.text).text)}`);
}
const lookAlikes = corpus.filter((c) => c.type === 'NONE');
const altered = lookAlikes.filter((c) => redactPii(c.text).text !== c.text);
if (showMisses) for (const a of altered) console.log(`ALTERED ${a.id} ${a.kind}: ${JSON.stringify(a.text)} → ${JSON.stringify(redactPii(a.text).text)}`);
const kinds = [...new Set(lookAlikes.map((c) => c.kind))];

console.log('| type | items | caught | recall |');
console.log('|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(`| all | ${allPii} | ${allCaught} | ${pct(allCaught, allPii)} |`);
console.log('');
console.log('| look-alike kind | items | altered | alteration |');
console.log('|---|---|---|---|');
for (const kind of kinds) {
  const list = lookAlikes.filter((c) => c.kind === kind);
  const changed = list.filter((c) => altered.includes(c));
  console.log(`| ${kind} | ${list.length} | ${changed.length} | ${pct(changed.length, list.length)} |`);
}
console.log(`| all | ${lookAlikes.length} | ${altered.length} | ${pct(altered.length, lookAlikes.length)} |`);
