// The fuzzer at full size: BODIES mutated, validly signed bodies (fixed seed) for each webhook
// and the web-chat API against one Sotong server (PGlite, in-process jobs, every channel on).
// Counts the answers by status; any 5xx or dropped connection is a failure. CI runs the same
// fuzzer smaller (test/faults/fuzz.test.ts).
//   npx tsx bench/fuzz.ts [bodies=5000] [seed=20261206]
import { fuzzTarget, startFuzzServer, TARGETS } from '../test/faults/support/fuzz';

const BODIES = Number(process.argv[2] ?? 5000);
const SEED = Number(process.argv[3] ?? 20261206);

async function main(): Promise<void> {
  const fuzz = await startFuzzServer();
  const rows = [];
  try {
    for (const [index, target] of TARGETS.entries()) {
      const started = Date.now();
      const result = await fuzzTarget(fuzz.server.url!, target, BODIES, SEED + index);
      rows.push({ ...result, seconds: (Date.now() - started) / 1000 });
      for (const failure of result.failures.slice(0, 5)) console.error(`${target.name}: ${failure}`);
    }
    const alive = (await fetch(`${fuzz.server.url}/healthz`)).status === 200;
    console.log(`| Target | Bodies | Answers by status | 5xx / dropped | Server alive after | Time |`);
    console.log(`|---|---:|---|---:|---|---:|`);
    for (const r of rows) {
      const statuses = Object.entries(r.byStatus)
        .map(([status, n]) => `${status}: ${n}`)
        .join(', ');
      console.log(`| ${r.target} | ${r.bodies} | ${statuses} | ${r.fivexx} | ${alive ? 'yes' : 'NO'} | ${r.seconds.toFixed(0)} s |`);
    }
  } finally {
    await fuzz.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
