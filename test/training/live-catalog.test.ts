// A saved answer is live in every process at once, without training: two registries over one
// database (two processes), the trainer's save in one, the other answering with the new text on
// its very next message. Over in-process live events and over Redis pub/sub.
import { createInProcessEvents } from '../../events/in-process-events';
import { createRedisEvents } from '../../events/redis-events';
import type { LiveEvents } from '../../events/types';
import { AuditLog } from '../../store/audit-repository';
import { seedCatalogIfEmpty } from '../../training/catalog-repository';
import { connectLiveCatalog } from '../../training/live-catalog';
import { createModelRegistry, type ModelRegistry } from '../../training/model-registry';
import { TrainerCatalog } from '../../training/trainer-catalog';
import { eventually, PGLITE, TEST_REDIS_URL, uniqueName } from '../support/backends';
import type { Database } from '../../store/database';
import { FAST_TRAIN, smallCatalog } from './fixtures';

jest.setTimeout(120_000);

const ctx = { channel: 'web', isPublic: false, recentOutOfScope: 0, now: new Date('2026-11-28T03:00:00Z') };
const QUESTION = '여권 재발급은 어디서 하나요?';
const INTENT = 'passport.issue';

type Bus = { name: string; open(): Promise<[LiveEvents, LiveEvents]> };
const redisBus = (redisUrl: string): Bus => ({
  name: 'redis',
  async open() {
    const channel = uniqueName('catalog');
    return [await createRedisEvents({ redisUrl, channel }), await createRedisEvents({ redisUrl, channel })];
  },
});
const buses: Bus[] = [
  {
    name: 'in-process',
    open: async () => {
      const bus = createInProcessEvents();
      return [bus, bus];
    },
  },
  ...(TEST_REDIS_URL ? [redisBus(TEST_REDIS_URL)] : []),
];

describe.each(buses)('live catalog over $name events', (bus) => {
  let database: Database;
  let api: ModelRegistry;
  let worker: ModelRegistry;
  let events: [LiveEvents, LiveEvents];

  beforeAll(async () => {
    database = await PGLITE.open();
    await seedCatalogIfEmpty(database.db, smallCatalog());
    api = createModelRegistry({ database, train: FAST_TRAIN });
    await api.ensureModel();
    worker = createModelRegistry({ database, train: FAST_TRAIN });
    await worker.ensureModel();
    events = await bus.open();
  });
  afterAll(async () => {
    await Promise.all([...new Set(events)].map((e) => e.close()));
    await PGLITE.dispose(database);
  });

  test('an answer saved in one process answers the next message in the other, same model version', async () => {
    const apiSide = connectLiveCatalog(api, events[0]);
    const workerSide = connectLiveCatalog(worker, events[1]);
    const heard = new Promise<void>((resolve) => events[1].subscribe((e) => e.type === 'catalog.changed' && resolve()));
    const catalog = new TrainerCatalog(database.db, new AuditLog(database.db), apiSide.changed);
    const version = worker.version();
    const before = worker.triage()(QUESTION, ctx);
    expect(before.intent).toBe(INTENT);

    const { intent } = await catalog.get(INTENT);
    const edited = intent.answers.map((a) => ({ ...a, private: { ko: '새 안내: 여권은 가까운 구청 여권과에서 재발급해요.', en: a.private.en } }));
    await catalog.setAnswers('trainer-1', INTENT, { answers: edited });

    // The saving process answers with it as soon as the save returns.
    expect(api.triage()(QUESTION, ctx).reply?.text).toBe('새 안내: 여권은 가까운 구청 여권과에서 재발급해요.');
    // The other process as soon as it hears the event (its 30 s version check never ran).
    await heard;
    await eventually(
      async () => worker.triage()(QUESTION, ctx).reply?.text === '새 안내: 여권은 가까운 구청 여권과에서 재발급해요.',
      5000,
      'the other process to reload',
    );
    expect(worker.version()).toBe(version);

    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'intent.answers').where('target', '=', INTENT).execute();
    expect(audit).toHaveLength(1);
    apiSide.stop();
    workerSide.stop();
  });
});
