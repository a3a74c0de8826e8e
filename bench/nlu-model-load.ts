// npx tsx bench/nlu-model-load.ts
// Training time on CLINC150 (15,100 examples, 151 intents, --val), size and load time of the
// model file, and the latency of one prediction after loading. Targets: training ≤ 10 s on this
// 2-core machine, load < 200 ms, one prediction p99 well under 1 ms. Training is single-threaded,
// so its CPU time is printed beside the wall time: on a machine shared with other jobs the wall
// time grows with the load average, the CPU time much less.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainModel } from '../bot/classifier';
import { percentile } from '../bot/classifier-eval';
import { readLabelledJsonl } from '../bot/jsonl';
import { sharedData } from './shared-data';
import { loadModel, serializeModel } from '../bot/model-file';

const DATA = sharedData('bench');
const train = readLabelledJsonl(`${DATA}/clinc150-train.jsonl`);
const test = readLabelledJsonl(`${DATA}/clinc150-test.jsonl`);
const val = readLabelledJsonl(`${DATA}/clinc150-val.jsonl`);
const loadBefore = loadavg()[0]!;
const cpuStart = process.cpuUsage();
const trainStart = performance.now();
const model = trainModel(train, { val });
const trainWall = performance.now() - trainStart;
const cpu = process.cpuUsage(cpuStart);
console.log(
  `train CLINC150 (${train.length} examples, --val): wall ${(trainWall / 1000).toFixed(2)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; ` +
    `${availableParallelism()} cores, 1-min load average ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
);
const path = join(mkdtempSync(join(tmpdir(), 'sotong-model-')), 'model.json');
writeFileSync(path, serializeModel(model));

const loads: number[] = [];
let loaded = model;
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  loaded = loadModel(readFileSync(path, 'utf8'));
  loads.push(performance.now() - started);
}
const latencies = new Float64Array(test.length * 3);
for (let i = 0; i < latencies.length; i++) {
  const text = test[i % test.length]!.text;
  const started = performance.now();
  loaded.predict(text);
  latencies[i] = performance.now() - started;
}
const mb = (readFileSync(path).byteLength / 1e6).toFixed(1);
console.log(`model ${loaded.version}: ${mb} MB on disk`);
console.log(`load (read + parse + verify), 5 runs: min ${Math.min(...loads).toFixed(0)} ms, median ${[...loads].sort((a, b) => a - b)[2]!.toFixed(0)} ms`);
console.log(`predict over ${latencies.length} messages: p50 ${percentile(latencies, 0.5).toFixed(3)} ms, p99 ${percentile(latencies, 0.99).toFixed(3)} ms`);
