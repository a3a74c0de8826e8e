// A start-up step whose job queue does not answer: the worker starts anyway, and the step is
// tried again each period until it succeeds or the process stops.
import { retryInBackground } from '../../server/retry-in-background';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a step that succeeds at once gives its value and schedules nothing', async () => {
  let calls = 0;
  const errors: unknown[] = [];
  const run = await retryInBackground(async () => ++calls, { periodMs: 5, onError: (e) => errors.push(e), onDone: () => errors.push('done') });
  await tick(30);
  expect(run.first).toBe(1);
  expect(calls).toBe(1);
  expect(errors).toEqual([]);
});

test('a failing step is retried each period until it succeeds, reporting each failure', async () => {
  let calls = 0;
  const errors: string[] = [];
  const done: number[] = [];
  const run = await retryInBackground(
    async () => {
      calls += 1;
      if (calls < 3) throw new Error(`queue down (${calls})`);
      return 7;
    },
    { periodMs: 5, onError: (e) => errors.push((e as Error).message), onDone: (v) => done.push(v) },
  );
  expect(run.first).toBeUndefined();
  for (let i = 0; i < 100 && done.length === 0; i++) await tick(5);
  expect(done).toEqual([7]);
  expect(errors).toEqual(['queue down (1)', 'queue down (2)']);
  await tick(30);
  expect(calls).toBe(3);
});

test('stop() ends the retries', async () => {
  let calls = 0;
  const run = await retryInBackground(
    async () => {
      calls += 1;
      throw new Error('queue down');
    },
    { periodMs: 5, onError: () => undefined, onDone: () => undefined },
  );
  run.stop();
  await tick(40);
  expect(calls).toBe(1);
});
