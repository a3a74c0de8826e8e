// The stop n-grams follow the catalog (issue 15): when a publish or a catalog.changed event
// reloads it with examples that make a phrase common catalog phrasing, similarity stops resting
// on that phrase — for the pinned answers at once, and for the detection job's clusters at its
// next run — without a restart.
import type { Catalog } from '../../bot/intent-schema';
import { createInProcessEvents } from '../../events/in-process-events';
import { loadCatalog } from '../../intents/loader';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import { DEFAULT_SURGE_CONFIG } from '../../surge/config';
import { createSurge } from '../../surge/create-surge';
import { shingles } from '../../surge/minhash';
import { liveStopShingles } from '../../surge/stop-shingles';
import { describeEachDatabase } from '../support/backends';
import { storeDecided } from '../support/decided-messages';

const base = loadCatalog();
const PHRASE = '수도 공급 재개 예정 시각';
/** The catalog after a publish whose new examples use PHRASE (a new FAQ about water supply). */
const withPhrase: Catalog = {
  ...base,
  intents: base.intents.map((i) =>
    i.id === 'agency.contact'
      ? { ...i, examples: { ...i.examples, ko: [...i.examples.ko, ...Array.from({ length: 60 }, (_, k) => `${PHRASE} ${k + 1}번 문의`)] } }
      : i,
  ),
};

test('the stop set is rebuilt only when the examples change', () => {
  let current: Catalog = base;
  const stop = liveStopShingles(() => current);
  const before = stop();
  expect(stop()).toBe(before);
  current = { ...base }; // a reload: a new catalog object, the same examples
  expect(stop()).toBe(before);
  current = withPhrase;
  const after = stop();
  expect(after).not.toBe(before);
  const phrase = [...shingles(PHRASE)];
  expect(phrase.some((h) => !before.has(h))).toBe(true);
  expect(phrase.every((h) => after.has(h))).toBe(true);
});

describeEachDatabase('stop n-grams after a catalog change', (current) => {
  test('a pinned answer no longer matches on phrasing the catalog now covers; the detection job re-clusters', async () => {
    let catalog: Catalog = base;
    const now = new Date();
    const jobs = createInProcessJobQueue();
    const events = createInProcessEvents();
    const surge = createSurge({ database: current(), jobs, events, catalog: () => catalog, config: DEFAULT_SURGE_CONFIG, now: () => now });
    const places = ['궁평', '오송', '세곡', '가양', '신월', '청담', '봉천', '연신내', '상도', '미호'];
    await storeDecided(
      current().db,
      Array.from({ length: 40 }, (_, i) => ({
        text: `${places[i % 10]} ${PHRASE}`,
        intent: 'out_of_scope',
        action: 'handoff' as const,
        reason: 'low_confidence' as const,
        at: new Date(now.getTime() - 240_000 + i * 5000),
      })),
    );
    const [opened] = await surge.service.tick();
    expect(opened?.kind).toBe('topic');
    await surge.service.setPinnedAnswer(opened!.id, 'supervisor-1', {
      text: { ko: '수도 공급은 오후 6시에 재개됩니다.', en: 'Water supply resumes at 6 pm.' },
      links: [],
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    const question = `서울 ${PHRASE}`;
    expect((await surge.port.match(question, now))?.surgeId).toBe(opened!.id);

    catalog = withPhrase;
    expect(await surge.port.match(question, now)).toBeUndefined();
    // Without the phrase, the messages share only their place: no cluster large enough is left.
    await surge.service.tick();
    expect((await surge.service.get(opened!.id)).status).toBe('closed');

    await jobs.close();
    await events.close();
  }, 60_000);
});
