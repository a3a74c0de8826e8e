// The surge detector's pure parts: MinHash similarity, incremental clustering, the sliding window
// with its EWMA baseline, and the open rule (rate ratio AND minimum count).
import { loadCatalog } from '../../intents/loader';
import { backgroundMessage, burstVariant } from '../../bench/surge-day';
import { seededRandom } from '../../core/random';
import { DEFAULT_SURGE_CONFIG, parseSurgeEnv, SurgeConfigError } from '../../surge/config';
import { stopShinglesOf } from '../../surge/stop-shingles';
import { isPoorlyAnswered, SurgeDetector, type Observation } from '../../surge/detector';
import { bandKeys, signature, similarity, shingles, type Signature } from '../../surge/minhash';
import { RateWindow } from '../../surge/rate-window';
import { bestSimilarity, TopicClusters } from '../../surge/topic-clusters';

const catalog = loadCatalog();
const stop = stopShinglesOf(catalog);
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 6, 15, 0, 0);

describe('minhash', () => {
  test('spacing does not matter; near-identical texts are similar, unrelated ones are not', () => {
    expect([...shingles('지하차도 침수')].sort()).toEqual([...shingles('지하차도침수')].sort());
    const a = signature('궁평 지하차도 침수돼서 통제됐다는데 언제 풀려요?');
    expect(similarity(a, signature('오송 지하차도 침수돼서 통제됐다는데 언제 풀려요'))).toBeGreaterThan(0.5);
    expect(similarity(a, signature('여권 재발급 어디서 해요'))).toBeLessThan(0.1);
    expect(similarity(a, a)).toBe(1);
  });

  test('identical texts share every LSH band key', () => {
    expect(bandKeys(signature('단수 언제 끝나요'))).toEqual(bandKeys(signature('단수 언제 끝나요')));
  });

  test('catalog phrasing is stopped: two topics that share only "어떻게 해요" stay apart', () => {
    const x = signature('보이스피싱 지급정지 어떻게 해요', stop);
    const y = signature('상도 지하차도 막혔나요 출근 어떻게 해요', stop);
    expect(similarity(x, y)).toBeLessThan(DEFAULT_SURGE_CONFIG.clusterThreshold);
  });
});

describe('topic clusters', () => {
  test('150 variants of one topic form one cluster; catalog questions do not join it', () => {
    const rng = seededRandom(11);
    const clusters = new TopicClusters(DEFAULT_SURGE_CONFIG.clusterThreshold);
    const background = Array.from({ length: 200 }, () => backgroundMessage(rng, catalog));
    for (const m of background) clusters.add(signature(m.text, stop), 0);
    const ids = Array.from({ length: 150 }, () => clusters.add(signature(burstVariant(rng, 0).text, stop), 1));
    const roots = new Map<number, number>();
    for (const id of ids) roots.set(clusters.resolve(id).id, (roots.get(clusters.resolve(id).id) ?? 0) + 1);
    const [root, size] = [...roots].sort((a, b) => b[1] - a[1])[0]!;
    expect(size).toBeGreaterThanOrEqual(140);
    const reps = clusters.resolve(root).reps;
    for (const m of background) expect(bestSimilarity(signature(m.text, stop), reps)).toBeLessThan(DEFAULT_SURGE_CONFIG.matchThreshold);
  });

  test('clusters not joined inside the window are pruned', () => {
    const clusters = new TopicClusters(0.2);
    const id = clusters.add(signature('단수 언제 끝나요 물이 안 나와요'), 5);
    expect(clusters.prune(6)).toEqual([id]);
    expect(clusters.size).toBe(0);
  });
});

describe('rate window', () => {
  test('counts per minute inside the window; minutes leaving it feed the baseline', () => {
    const w = new RateWindow(3, 0.5);
    w.add('k', 0, 4);
    w.add('k', 1, 2);
    w.advance(2);
    expect(w.count('k')).toBe(6);
    expect(w.perMinute('k')).toEqual([4, 2, 0]);
    expect(w.baseline('k', 0)).toBe(0); // nothing has left the window yet
    w.advance(3); // minute 0 leaves: ewma = 0.5·4
    expect(w.count('k')).toBe(2);
    expect(w.baseline('k', 0)).toBeCloseTo(2);
    expect(w.baseline('k', 5)).toBe(5); // floor
    w.advance(4); // minute 1 leaves: 0.5·2 + 0.5·2
    expect(w.baseline('k', 0)).toBeCloseTo(2);
  });
});

describe('surge detector', () => {
  const config = { ...DEFAULT_SURGE_CONFIG, minCount: 20, rateRatio: 3, windowMinutes: 10 };
  let n = 0;
  const obs = (text: string, atMs: number, extra: Partial<Observation> = {}): Observation => ({
    id: `m${n++}`,
    at: new Date(atMs),
    text,
    channel: 'x',
    intent: 'out_of_scope',
    action: 'decline',
    reason: null,
    regions: [],
    ...extra,
  });

  test.each([
    [{ intent: 'out_of_scope', action: 'decline', reason: null }, true],
    [{ intent: 'passport.issue', action: 'handoff', reason: 'low_confidence' }, true],
    [{ intent: 'passport.issue', action: 'auto_answer', reason: 'surge_pinned' }, true],
    [{ intent: 'passport.issue', action: 'auto_answer', reason: null }, false],
    [{ intent: 'emergency.urgent', action: 'urgent', reason: 'urgent' }, false],
  ])('poorly answered %j → %s', (o, expected) => {
    expect(isPoorlyAnswered(o)).toBe(expected);
  });

  test('a burst opens a topic surge only past both the rate ratio and the minimum count', () => {
    // One phrasing with ten places, so the test is about the open rule, not about clustering.
    const places = ['궁평', '오송', '세곡', '가양', '신월', '청담', '봉천', '연신내', '상도', '미호'];
    const detector = new SurgeDetector(config, stop);
    const strict = new SurgeDetector({ ...config, minCount: 40 }, stop);
    const send = (i: number) => {
      const o = obs(`${places[i % 10]} 지하차도 침수돼서 통제됐다는데 언제 풀려요?`, T0 + i * 1000, {
        channel: i % 2 ? 'x' : 'kakao',
        regions: i < 25 ? ['청주시'] : [],
      });
      detector.observe(o);
      strict.observe(o);
    };
    for (let i = 0; i < 29; i++) send(i);
    // 29 ≥ minCount 20, but 2.9/min over the 10-min window is under 3 × the 1/min floor.
    expect(detector.evaluate(new Date(T0 + 40_000)).filter((c) => c.open)).toEqual([]);
    send(29);
    const topic = detector.evaluate(new Date(T0 + 40_000)).find((c) => c.open && c.kind === 'topic')!;
    expect(topic).toMatchObject({ count: 30, intent: null, baselinePerMin: 1, ratePerMin: 3 });
    expect(topic.channels).toEqual({ x: 15, kakao: 15 });
    expect(topic.topTerms).toContain('지하차도');
    expect(topic.sampleMessageIds).toHaveLength(10);
    expect(topic.perMinute[9]).toBe(30);
    expect(topic.regions).toEqual({ 청주시: 25 });
    // The region is counted on its own key too: 25 < 30 needed for its ratio.
    expect(detector.evaluate(new Date(T0 + 40_000)).find((c) => c.key === 'region:청주시')).toMatchObject({ count: 25, open: false });
    // The same burst under a minimum count of 40: the ratio alone opens nothing.
    expect(strict.evaluate(new Date(T0 + 40_000)).filter((c) => c.open)).toEqual([]);
  });

  test('a busy intent needs three times its usual rate, not just the minimum count', () => {
    const detector = new SurgeDetector({ ...config, minCount: 20 }, stop);
    // Twelve quiet-hour minutes at 5/min: the baseline learns 5/min once they leave the window.
    for (let m = 0; m < 40; m++) {
      for (let i = 0; i < 5; i++) detector.observe(obs('여권 재발급', T0 + m * MINUTE + i, { intent: 'passport.issue', action: 'auto_answer' }));
      detector.evaluate(new Date(T0 + m * MINUTE + 30_000));
    }
    const steady = detector.evaluate(new Date(T0 + 40 * MINUTE)).find((c) => c.key === 'intent:passport.issue')!;
    expect(steady.count).toBeGreaterThanOrEqual(20);
    expect(steady.baselinePerMin).toBeGreaterThan(4);
    expect(steady.open).toBe(false);
  });

  // Korean and English variants of one topic share almost no character n-grams, and no
  // translation-free signal tells them apart from two topics at once (the English answer's own
  // text does not reach the match threshold either): they are two surges, and each gets the pinned
  // answer the supervisor sets on it. Each surge's representatives answer its own language only.
  test('English variants of a topic open a surge of their own, whose pin reaches them and not the Korean ones', () => {
    const detector = new SurgeDetector({ ...config, minCount: 30 }, stop);
    const rng = seededRandom(15);
    const burst = Array.from({ length: 400 }, () => burstVariant(rng, 0.25));
    burst.forEach((m, i) => detector.observe(obs(m.text, T0 + i * 300, { action: 'handoff', reason: 'low_confidence' })));
    const open = detector.evaluate(new Date(T0 + 2 * MINUTE)).filter((c) => c.open && c.kind === 'topic');
    const reps = (language: 'ko' | 'en') => {
      const ids = new Set(burst.flatMap((m, i) => (m.language === language ? [`m${n - burst.length + i}`] : [])));
      const surge = open.find((c) => c.sampleMessageIds.every((id) => ids.has(id)));
      expect(surge).toBeDefined();
      return surge!.reps;
    };
    const [ko, en] = [reps('ko'), reps('en')];
    expect(open).toHaveLength(2);
    const matches = (sigs: readonly Signature[], language: 'ko' | 'en') => {
      const later = Array.from({ length: 200 }, () => burstVariant(rng, 0.5)).filter((m) => m.language === language);
      return later.filter((m) => bestSimilarity(signature(m.text, stop), sigs) >= DEFAULT_SURGE_CONFIG.matchThreshold).length / later.length;
    };
    expect(matches(en, 'en')).toBeGreaterThanOrEqual(0.9);
    expect(matches(ko, 'ko')).toBeGreaterThanOrEqual(0.9);
    expect(matches(ko, 'en')).toBeLessThan(0.1);
    expect(matches(en, 'ko')).toBeLessThan(0.1);
  });

  test('urgent messages never feed a surge', () => {
    const detector = new SurgeDetector(config, stop);
    for (let i = 0; i < 50; i++)
      detector.observe(obs('지하차도에 갇혔어요 살려주세요', T0 + i, { intent: 'emergency.urgent', action: 'urgent', reason: 'urgent' }));
    expect(detector.evaluate(new Date(T0 + 1000))).toEqual([]);
  });
});

describe('surge config', () => {
  test('defaults, and a bad value names its variable', () => {
    expect(parseSurgeEnv({})).toEqual(DEFAULT_SURGE_CONFIG);
    expect(parseSurgeEnv({ SURGE_WINDOW_MINUTES: '5', SURGE_MIN_COUNT: '50', SURGE_RATE_RATIO: '2.5', SURGE_MATCH_THRESHOLD: '0.5' })).toMatchObject({
      windowMinutes: 5,
      minCount: 50,
      rateRatio: 2.5,
      matchThreshold: 0.5,
    });
    expect(() => parseSurgeEnv({ SURGE_MATCH_THRESHOLD: '2' })).toThrow(SurgeConfigError);
    expect(() => parseSurgeEnv({ SURGE_MIN_COUNT: 'many' })).toThrow(/SURGE_MIN_COUNT/);
  });
});
