import { loadModel, serializeModel } from '../../bot/model-file';
import { loadCatalog } from '../../intents/loader';
import { newId } from '../../store/ids';
import { loadCatalogFromDb } from '../../training/catalog-repository';
import { trainFromCatalog } from '../../training/catalog-model';
import { createModelRegistry } from '../../training/model-registry';
import { describeEachDatabase } from '../support/backends';

// Few epochs: these tests are about where models live, not how good they are.
const FAST = { softmax: { epochs: 3 } } as const;
const ctx = { channel: 'web', isPublic: false, recentOutOfScope: 0, now: new Date('2026-11-28T03:00:00Z') };

describeEachDatabase('model registry', (database) => {
  test('first start seeds the catalog, trains, publishes, and a second process reuses the model', async () => {
    const first = createModelRegistry({ database: database(), train: FAST });
    await first.ensureModel();
    const files = loadCatalog();
    const stored = await loadCatalogFromDb(database().db);
    expect(stored.intents.map((i) => i.id)).toEqual(files.intents.map((i) => i.id).sort());
    expect(stored.byId.get('passport.issue')?.examples.ko.length).toBe(files.byId.get('passport.issue')?.examples.ko.length);

    const published = await database().db.selectFrom('model_versions').selectAll().where('status', '=', 'published').execute();
    expect(published).toHaveLength(1);
    expect(published[0]!.version).toBe(first.version());

    const second = createModelRegistry({ database: database(), train: FAST });
    let trained = false;
    await second.ensureModel(() => (trained = true));
    expect(trained).toBe(false);
    expect(second.version()).toBe(first.version());
    expect(second.triage()('지금 집에 불이 났어요 살려주세요', ctx).action).toBe('urgent');
  });

  test('reload() picks up a version published elsewhere', async () => {
    const registry = createModelRegistry({ database: database(), train: FAST });
    await registry.ensureModel();
    const before = registry.version();
    expect(await registry.reload()).toBe(false);

    const { model } = trainFromCatalog(registry.catalog(), { ...FAST, seed: 7 });
    const { db } = database();
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('model_versions').set({ status: 'retired' }).where('status', '=', 'published').execute();
      await trx
        .insertInto('model_versions')
        .values({ id: newId(), version: model.version, status: 'published', model: serializeModel(model), metrics: '{}' })
        .execute();
    });
    expect(await registry.reload()).toBe(true);
    expect(registry.version()).toBe(model.version);
    expect(registry.version()).not.toBe(before);
    expect(loadModel(serializeModel(model)).version).toBe(model.version);
  });

  test('triage() before ensureModel() fails with a clear message', () => {
    const registry = createModelRegistry({ database: database() });
    expect(() => registry.triage()).toThrow(/ensureModel/);
  });
});
