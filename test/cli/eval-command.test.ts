// Issue 4's targets on the development sample, checked from the predictions file that
// `sotong eval --predictions` writes (the same check the issue asks a reviewer to run).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { command } from '../../cli/commands/eval';
import { loadCatalog } from '../../intents/loader';

const SAMPLE = path.resolve(__dirname, '../../../shared/data/ko-sample.jsonl');

interface Prediction {
  text: string;
  gold: string;
  intent: string;
  confidence: number;
  action: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

test('sotong eval meets the catalog targets on ko-sample.jsonl', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'sotong-eval-')), 'p.jsonl');
  const stdout = new PassThrough();
  const text = collect(stdout);
  const code = await command.run(['--data', SAMPLE, '--predictions', out, '--json'], { stdout, stderr: new PassThrough(), env: {} });
  expect(code).toBe(0);

  const predictions: Prediction[] = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(predictions).toHaveLength(readFileSync(SAMPLE, 'utf8').trim().split('\n').length);
  const catalog = loadCatalog();
  const accuracy = predictions.filter((p) => p.intent === p.gold).length / predictions.length;
  const answered = predictions.filter((p) => p.action === 'auto_answer');
  const precision = answered.filter((p) => p.intent === p.gold).length / answered.length;
  const faq = predictions.filter((p) => catalog.byId.get(p.gold)?.policy === 'faq');
  const coverage = faq.filter((p) => p.action === 'auto_answer').length / faq.length;
  const emergencies = predictions.filter((p) => p.gold === 'emergency.urgent');

  expect(accuracy).toBeGreaterThanOrEqual(0.95);
  expect(precision).toBeGreaterThanOrEqual(0.98);
  expect(coverage).toBeGreaterThanOrEqual(0.6);
  expect(emergencies.length).toBeGreaterThan(0);
  expect(emergencies.every((p) => p.action === 'urgent')).toBe(true);

  // The JSON report agrees with the file.
  const report = JSON.parse(text());
  expect(report.accuracy).toBeCloseTo(accuracy, 10);
  expect(report.emergencyRecall).toBe(1);
});

test('sotong eval without --data explains its usage', async () => {
  const stderr = new PassThrough();
  const text = collect(stderr);
  expect(await command.run([], { stdout: new PassThrough(), stderr, env: {} })).toBe(2);
  expect(text()).toContain('usage: sotong eval --data');
});
