// The bounded fuzzer, small enough for CI (FUZZ_BODIES per target, default 150; bench/fuzz.ts
// runs about 5 000): mutated, validly signed bodies for every webhook and the web-chat API never
// get a 5xx and never crash the server, which still answers a normal message afterwards.
import { fuzzTarget, startFuzzServer, TARGETS } from './support/fuzz';

const BODIES = Number(process.env.FUZZ_BODIES ?? 150);
const SEED = 20261206;

describe('fuzzing the webhooks and the web chat', () => {
  jest.setTimeout(300_000);
  let fuzz: Awaited<ReturnType<typeof startFuzzServer>>;
  beforeAll(async () => {
    fuzz = await startFuzzServer();
  }, 180_000);
  afterAll(() => fuzz?.stop());

  test.each(TARGETS.map((t, i) => [t.name, i] as const))('%s: no 5xx, no crash', async (_name, index) => {
    const result = await fuzzTarget(fuzz.server.url!, TARGETS[index]!, BODIES, SEED + index);
    expect(result.failures).toEqual([]);
    expect(Object.values(result.byStatus).reduce((a, b) => a + b, 0)).toBe(BODIES);
    const alive = await fetch(`${fuzz.server.url}/healthz`);
    expect(alive.status).toBe(200);
  });
});
