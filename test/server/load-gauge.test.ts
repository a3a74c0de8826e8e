// The load gauge's "saturated" reading: a process whose event loop stays busy sheds the web
// chat; one long task (a model load) does not.
import { createLoadGauge } from '../../server/load-shedding';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const idleFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A gauge with an empty queue, sampled by hand (its own timer is a minute away). */
const gauge = () => createLoadGauge({ jobs: { depth: async () => ({ inbound: 0 }) as never }, maxInboundBacklog: 100, sampleMs: 60_000 });

test('one long task fills one window: not saturated', async () => {
  const g = gauge();
  try {
    await idleFor(50);
    await g.sample();
    busyFor(300);
    await g.sample();
    expect(g.shedFor()).toBeUndefined();
    await idleFor(50);
    await g.sample();
    expect(g.shedFor()).toBeUndefined();
  } finally {
    g.stop();
  }
});

test('two busy windows in a row: saturated, with a Retry-After; an idle window ends it', async () => {
  const g = gauge();
  try {
    await g.sample();
    busyFor(150);
    await g.sample();
    busyFor(150);
    await g.sample();
    expect(g.shedFor()).toBeGreaterThanOrEqual(2);
    await idleFor(100);
    await g.sample();
    expect(g.shedFor()).toBeUndefined();
  } finally {
    g.stop();
  }
});

test('a backlog at the limit sheds whatever the loop does', async () => {
  const g = createLoadGauge({ jobs: { depth: async () => ({ inbound: 5 }) as never }, maxInboundBacklog: 5, sampleMs: 60_000 });
  try {
    await g.sample();
    expect(g.shedFor()).toBeGreaterThanOrEqual(2);
  } finally {
    g.stop();
  }
});
