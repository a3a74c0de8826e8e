// The same-hour baseline (issue 15: "an EWMA of the same hour on recent days, with a floor for
// quiet periods"): the pure EWMA over days, the hourly counts the repository keeps, and the
// detection job on a controlled clock: an intent's usual 9 o'clock traffic opens a surge on the
// first day (no history: the floor), not on the next day at the same hour, while another intent
// with no history at that hour still does.
import { randomUUID } from 'node:crypto';
import { createInProcessEvents } from '../../events/in-process-events';
import { loadCatalog } from '../../intents/loader';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import { DEFAULT_SURGE_CONFIG, parseSurgeEnv } from '../../surge/config';
import { createSurge } from '../../surge/create-surge';
import { HOUR_MS, HourlyTally, hourOf, sameHourBaseline, sameHourOnPreviousDays } from '../../surge/hourly-baseline';
import { SurgeRepository } from '../../surge/surge-repository';
import { describeEachDatabase } from '../support/backends';
import { storeDecided } from '../support/decided-messages';

const H = 500_000; // an hour index: 500 000 h after the epoch
const MINUTE = 60_000;

describe('sameHourBaseline', () => {
  test('reads the same clock hour on each previous day', () => {
    expect(sameHourOnPreviousDays(H, 3)).toEqual([H - 24, H - 48, H - 72]);
  });

  test('an EWMA over the days, oldest first, per minute; a recorded day without the key counts 0', () => {
    const counts = [
      { key: 'intent:a', hour: H - 72, count: 600 },
      { key: 'intent:a', hour: H - 48, count: 300 },
      { key: 'intent:b', hour: H - 48, count: 60 },
      { key: 'intent:a', hour: H - 24, count: 120 },
      // Not the same hour: ignored.
      { key: 'intent:a', hour: H - 25, count: 6000 },
    ];
    const usual = sameHourBaseline(counts, H, 3, 0.5);
    // a: 10/min, then 0.5·5 + 0.5·10 = 7.5, then 0.5·2 + 0.5·7.5 = 4.75
    expect(usual.get('intent:a')).toBeCloseTo(4.75);
    // b: 0 on the oldest day (recorded, no b), then 0.5·1 = 0.5, then 0 on the newest day → 0.25
    expect(usual.get('intent:b')).toBeCloseTo(0.25);
  });

  test('a day the service was not recording says nothing', () => {
    const counts = [
      { key: 'intent:a', hour: H - 72, count: 600 },
      { key: 'intent:a', hour: H - 24, count: 120 },
    ];
    expect(sameHourBaseline(counts, H, 3, 0.5).get('intent:a')).toBeCloseTo(0.5 * 2 + 0.5 * 10);
    expect(sameHourBaseline([], H, 7, 0.3).size).toBe(0);
  });
});

test('HourlyTally counts per key and hour, and forgets hours once they are final', () => {
  const tally = new HourlyTally();
  const at = (hour: number, minute: number) => new Date(hour * HOUR_MS + minute * MINUTE);
  tally.add('intent:a', at(H - 2, 59));
  tally.add('intent:a', at(H - 1, 1));
  tally.add('intent:a', at(H - 1, 30));
  tally.add('region:청주시', at(H, 0));
  expect(hourOf(at(H, 59))).toBe(H);
  const sorted = (rows: { key: string; hour: number; count: number }[]) => rows.sort((x, y) => x.hour - y.hour || x.key.localeCompare(y.key));
  expect(sorted(tally.rows(H - 1))).toEqual([
    { key: 'intent:a', hour: H - 2, count: 1 },
    { key: 'intent:a', hour: H - 1, count: 2 },
    { key: 'region:청주시', hour: H, count: 1 },
  ]);
  // The hour before H − 1 was written once and dropped; the later ones are still counting.
  expect(sorted(tally.rows(H - 1)).map((r) => r.hour)).toEqual([H - 1, H]);
});

test('SURGE_BASELINE_DAYS is read and checked', () => {
  expect(DEFAULT_SURGE_CONFIG.baselineDays).toBe(7);
  expect(parseSurgeEnv({ SURGE_BASELINE_DAYS: '0' }).baselineDays).toBe(0);
  expect(() => parseSurgeEnv({ SURGE_BASELINE_DAYS: '-1' })).toThrow(/SURGE_BASELINE_DAYS/);
});

describeEachDatabase('the same-hour baseline in the store and the detection job', (current) => {
  test('hourly counts never go down, are read by hour and pruned', async () => {
    const repository = new SurgeRepository(current().db);
    const key = `intent:test-${randomUUID()}`;
    await repository.recordHourlyCounts([
      { key, hour: H, count: 5 },
      { key, hour: H - 24, count: 40 },
      { key, hour: H - 200, count: 1 },
    ]);
    // A worker that restarted mid-hour counts fewer: the higher count stays.
    await repository.recordHourlyCounts([{ key, hour: H, count: 3 }]);
    await repository.recordHourlyCounts([{ key, hour: H - 24, count: 41 }]);
    await repository.recordHourlyCounts([]);
    const mine = async (hours: number[]) => (await repository.hourlyCounts(hours)).filter((c) => c.key === key).sort((a, b) => a.hour - b.hour);
    expect(await mine([H, H - 24, H - 200])).toEqual([
      { key, hour: H - 200, count: 1 },
      { key, hour: H - 24, count: 41 },
      { key, hour: H, count: 5 },
    ]);
    expect(await repository.hourlyCounts([])).toEqual([]);
    await repository.pruneHourlyCounts(H - 100);
    expect(await mine([H, H - 24, H - 200])).toHaveLength(2);
  });

  test("an intent's usual traffic for the hour is no surge the next day; the same rate with no history is", async () => {
    const db = current().db;
    const catalog = loadCatalog();
    const usualIntent = 'cert.family_relation';
    const newIntent = 'passport.issue';
    let clock = new Date();
    const jobs = createInProcessJobQueue();
    const events = createInProcessEvents();
    // A fresh detection worker each day, as after a restart: only the store carries the history.
    const worker = () => createSurge({ database: current(), jobs, events, catalog: () => catalog, config: DEFAULT_SURGE_CONFIG, now: () => clock });
    const day1 = Date.UTC(2031, 6, 14, 0, 0); // 09:00 KST
    const day2 = day1 + 24 * HOUR_MS;
    const intentSurges = async () => (await new SurgeRepository(db).list('open')).filter((s) => s.kind === 'intent').map((s) => s.intent);

    /** `perMin` decided messages of `intent` a minute from `from` for `minutes`. */
    const traffic = (intent: string, from: number, minutes: number, perMin: number) =>
      storeDecided(
        db,
        Array.from({ length: minutes * perMin }, (_, i) => ({
          text: catalog.byId.get(intent)!.examples.ko[i % 10]!,
          intent,
          action: 'auto_answer' as const,
          at: new Date(from + (i * MINUTE) / perMin),
        })),
      );

    // Day 1: 4 a minute for the whole 9 o'clock hour. With no history the floor (1/min) is the
    // baseline, so ten minutes in it opens an intent surge.
    await traffic(usualIntent, day1, 60, 4);
    const first = worker().service;
    clock = new Date(day1 + 10 * MINUTE + 30_000);
    expect((await first.tick()).map((s) => s.intent)).toEqual([usualIntent]);
    for (const minutes of [35, 60.5, 80]) {
      clock = new Date(day1 + minutes * MINUTE);
      await first.tick();
    }
    expect(await intentSurges()).toEqual([]); // the hour's traffic left the window
    const recorded = await new SurgeRepository(db).hourlyCounts([hourOf(new Date(day1))]);
    expect(recorded.find((c) => c.key === `intent:${usualIntent}`)?.count).toBe(240);

    // Day 2, same hour: the same 4/min is what this intent usually gets now; another intent with
    // the same rate and no history at this hour still opens a surge.
    await traffic(usualIntent, day2, 10, 4);
    await traffic(newIntent, day2, 10, 4);
    const next = worker().service;
    clock = new Date(day2 + 10 * MINUTE + 30_000);
    const opened = await next.tick();
    expect(opened.map((s) => s.intent)).toEqual([newIntent]);
    expect(opened[0]!.baseline_per_min).toBe(DEFAULT_SURGE_CONFIG.baselineFloorPerMin);
    expect(await intentSurges()).toEqual([newIntent]);

    await jobs.close();
    await events.close();
  }, 120_000);
});
