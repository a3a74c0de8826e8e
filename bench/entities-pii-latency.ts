// Latency of extractEntities + redactPii per message (fast path, the default), the entity/PII share of triage's 1 ms p99
// budget. Run: npx tsx bench/entities-pii-latency.ts
// Messages: every text of ko-sample.jsonl, the first ParaKQC test texts (Korean questions) and an
// even spread of CLINC150 test texts (English), about 2,000 in all; one in twenty gets a phone
// number, RRN, card or account appended so the PII detectors do real work too.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { extractEntities, warmUpRecognizers } from '../bot/entities';
import { redactPii } from '../bot/pii';
import type { Language } from '../bot/types';

const DATA = '/work/shared/data';
const texts = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);

const every = <T>(xs: readonly T[], n: number): T[] => xs.filter((_, i) => i % Math.max(1, Math.floor(xs.length / n)) === 0).slice(0, n);

const korean = [...texts(`${DATA}/ko-sample.jsonl`), ...every(texts(`${DATA}/bench/parakqc-test.jsonl`), 854)];
const english = every(texts(`${DATA}/bench/clinc150-test.jsonl`), 1000);
const PII_TAILS = [' 연락처 010-2345-6789', ' 주민번호 900101-1234567', ' card 4111 1111 1111 1111', ' 환불 계좌 신한 110-123-456789'];
const messages = [...korean, ...english].map((t, i) => (i % 20 === 0 ? t + PII_TAILS[(i / 20) % PII_TAILS.length] : t));

const languageOf = (t: string): Language => (/[가-힣]/.test(t) ? (/[a-z]{3}/i.test(t) ? 'mixed' : 'ko') : 'en');
const now = new Date('2025-03-04T03:00:00Z');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function measure(set: readonly string[], rounds: number, thorough = false): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of set) {
      const language = languageOf(text);
      const t0 = process.hrtime.bigint();
      extractEntities(text, { now, language, thorough });
      redactPii(text);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times.sort((a, b) => a - b);
}

const t0 = Date.now();
warmUpRecognizers();
const warmMs = Date.now() - t0;
measure(messages, 1); // JIT warm-up

const report = (label: string, set: readonly string[], thorough = false) => {
  const t = measure(set, thorough ? 1 : 5, thorough);
  const f = (x: number) => x.toFixed(3);
  console.log(
    `${label.padEnd(22)} n=${String(set.length).padStart(5)}  p50 ${f(percentile(t, 50))} ms  p90 ${f(percentile(t, 90))} ms  p99 ${f(percentile(t, 99))} ms  max ${f(t[t.length - 1] ?? NaN)} ms`,
  );
};

console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}; recognizer warm-up ${warmMs} ms`);
report('all messages', messages);
report(
  'Korean',
  messages.filter((m) => languageOf(m) !== 'en'),
);
report(
  'English',
  messages.filter((m) => languageOf(m) === 'en'),
);
report(
  'with PII appended',
  messages.filter((_, i) => i % 20 === 0),
);
// Off the hot path only: Microsoft Recognizers-Text instead of the fast rules.
report(
  'thorough, Korean',
  messages.filter((m) => languageOf(m) !== 'en'),
  true,
);
report(
  'thorough, English',
  messages.filter((m) => languageOf(m) === 'en'),
  true,
);
