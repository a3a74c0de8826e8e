// sotong bench-nlu --train A.jsonl --test B.jsonl [--val C.jsonl] [--predictions out.jsonl] [--json]
// Trains the intent classifier on A (thresholds and calibration on C, or on a held-out share of
// A), evaluates it on B, and prints accuracy, macro-F1, in-scope accuracy, out-of-scope recall,
// the auto-answer curve, calibration error, training time and inference latency.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { trainModel } from '../../bot/classifier';
import { evaluate, type Evaluation } from '../../bot/classifier-eval';
import { readLabelledJsonl } from '../../bot/jsonl';
import type { CliCommand, CliIO } from '../command';

const USAGE = 'usage: sotong bench-nlu --train A.jsonl --test B.jsonl [--val C.jsonl] [--predictions out.jsonl] [--json] [--seed N]';

export const command: CliCommand = {
  name: 'bench-nlu',
  summary: 'Train the intent classifier on a JSONL set and report accuracy, calibration and speed on another',
  async run(args: readonly string[], io: CliIO): Promise<number> {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...args],
        options: {
          train: { type: 'string' },
          test: { type: 'string' },
          val: { type: 'string' },
          predictions: { type: 'string' },
          json: { type: 'boolean', default: false },
          seed: { type: 'string', default: '1' },
        },
        strict: true,
      }));
    } catch (error) {
      io.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (!values.train || !values.test) {
      io.stderr.write(`--train and --test are required\n${USAGE}\n`);
      return 2;
    }
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) {
      io.stderr.write(`--seed must be an integer, got ${values.seed}\n`);
      return 2;
    }
    try {
      const train = readLabelledJsonl(values.train);
      const test = readLabelledJsonl(values.test);
      const val = values.val ? readLabelledJsonl(values.val) : undefined;
      const started = performance.now();
      const model = trainModel(train, {
        seed,
        ...(val ? { val } : {}),
        onProgress: (p) => {
          if (p.stage === 'epoch') io.stderr.write(`\repoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4)} (${(p.elapsedMs / 1000).toFixed(1)} s)`);
          else if (p.stage === 'done') io.stderr.write('\n');
        },
      });
      const trainingMs = performance.now() - started;
      const result = evaluate(model, test);
      if (values.predictions) {
        const lines = result.predictions.map((p) => JSON.stringify({ text: p.text, gold: p.gold, intent: p.intent, confidence: p.confidence }));
        writeFileSync(values.predictions, lines.join('\n') + '\n');
      }
      const summary = {
        model: model.version,
        train: train.length,
        test: test.length,
        trainingMs,
        thresholds: model.thresholds,
        temperature: model.temperature,
        ...result,
        predictions: undefined,
      };
      io.stdout.write(values.json ? JSON.stringify(summary, null, 2) + '\n' : report(summary, trainingMs));
      return 0;
    } catch (error) {
      io.stderr.write(`bench-nlu: ${(error as Error).message}\n`);
      return 1;
    }
  },
};

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}%`);

function report(r: Omit<Evaluation, 'predictions'> & { model: string; train: number; temperature: number; thresholds: object }, trainingMs: number): string {
  const lines = [
    `model ${r.model}: ${r.train} training examples, tested on ${r.examples}`,
    `accuracy            ${pct(r.accuracy)}`,
    `macro-F1            ${pct(r.macroF1)}`,
    `in-scope accuracy   ${pct(r.inScopeAccuracy)}`,
    `out-of-scope recall ${pct(r.outOfScopeRecall)}`,
    `thresholds          ${JSON.stringify(r.thresholds)}  temperature ${r.temperature.toFixed(3)}`,
    `ECE raw ${r.ece.raw.toFixed(4)}  calibrated ${r.ece.calibrated.toFixed(4)}`,
    ...(r.eceInScope && r.eceOutOfScope
      ? [
          `  in-scope only      raw ${r.eceInScope.raw.toFixed(4)}  calibrated ${r.eceInScope.calibrated.toFixed(4)}`,
          `  out-of-scope only  raw ${r.eceOutOfScope.raw.toFixed(4)}  calibrated ${r.eceOutOfScope.calibrated.toFixed(4)}`,
        ]
      : []),
    `training            ${(trainingMs / 1000).toFixed(2)} s`,
    `latency             p50 ${r.latencyMs.p50.toFixed(3)} ms  p99 ${r.latencyMs.p99.toFixed(3)} ms`,
    'auto-answer curve (threshold: share answered, precision of answered)',
    ...r.curve.map((c) => `  ${c.threshold.toFixed(2)}: ${pct(c.answered)} answered, ${pct(c.precision)} right`),
  ];
  return lines.join('\n') + '\n';
}
