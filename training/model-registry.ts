// The model and catalog that answer citizens right now. On first start it seeds the catalog
// tables from intents/catalog/*.yaml and, with no published model, trains one and publishes it.
// Publishing elsewhere (the trainer API, another process) is picked up by reload(), which
// watch() calls on an interval so every process converges on the published version.
import { trainModel, type TrainOptions, type TrainProgress } from '../bot/classifier';
import { loadModel, serializeModel } from '../bot/model-file';
import type { IntentModel } from '../bot/model-types';
import { NLU_TOOLKIT } from '../bot/nlu-toolkit';
import type { PolicyConfig } from '../bot/policy';
import { triage } from '../bot/triage';
import { DEFAULT_CATALOG_DIR, loadCatalog } from '../intents/loader';
import type { Catalog } from '../bot/intent-schema';
import type { TriageFn } from '../pipeline/types';
import type { Database } from '../store/database';
import { findPublishedModel, insertModelVersion } from './model-version-repository';
import { catalogExamples } from './catalog-examples';
import { loadCatalogFromDb, seedCatalogIfEmpty } from './catalog-repository';
import type { Logger } from '../core/logger';

/** The slice of core's Logger port the registry writes to. */
export type RegistryLogger = Pick<Logger, 'info'>;

export interface ModelRegistryOptions {
  readonly database: Database;
  /** Where the seed catalog lives (default intents/catalog). */
  readonly catalogDir?: string;
  /** The seed catalog itself, in place of the files in catalogDir. */
  readonly seed?: Catalog;
  readonly logger?: RegistryLogger;
  /** Classifier options for the first-start model. */
  readonly train?: Omit<TrainOptions, 'onProgress'>;
  readonly policy?: PolicyConfig;
}

export interface ModelRegistry {
  /** triage() bound to the current model and catalog; re-read after each reload. */
  triage(): TriageFn;
  version(): string;
  model(): IntentModel;
  catalog(): Catalog;
  /** Loads the published model, training and publishing one first if there is none. */
  ensureModel(onProgress?: (progress: TrainProgress) => void): Promise<void>;
  /** Re-reads the catalog and the published model. Resolves true if the model changed. */
  reload(): Promise<boolean>;
  /** Calls reload() every `intervalMs`; returns a function that stops it. */
  watch(intervalMs: number): () => void;
}

interface Live {
  readonly model: IntentModel;
  readonly catalog: Catalog;
  readonly triage: TriageFn;
}

export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  const { db } = options.database;
  let live: Live | undefined;

  const current = (): Live => {
    if (!live) throw new Error('ModelRegistry: no model loaded yet; call ensureModel() first');
    return live;
  };

  const bind = (model: IntentModel, catalog: Catalog): Live => ({
    model,
    catalog,
    triage: (text, conversation) => triage(text, conversation, model, catalog, { nlu: NLU_TOOLKIT, policy: options.policy }),
  });

  const publishedRow = () => findPublishedModel(db);

  async function trainAndPublish(catalog: Catalog, onProgress?: (p: TrainProgress) => void): Promise<void> {
    const examples = catalogExamples(catalog);
    options.logger?.info('training the first model from the catalog', { examples: examples.length });
    const started = Date.now();
    const model = trainModel(examples, { ...options.train, onProgress });
    try {
      await insertModelVersion(db, {
        version: model.version,
        status: 'published',
        metrics: { source: 'first-start', examples: examples.length, trainMs: Date.now() - started },
        model: serializeModel(model),
        publishedAt: new Date(),
        publishedBy: 'system',
      });
    } catch (error) {
      // Another process published first (one published row at a time): use theirs.
      if (!(await publishedRow())) throw error;
    }
  }

  async function reload(): Promise<boolean> {
    const catalog = await loadCatalogFromDb(db);
    const row = await publishedRow();
    if (!row) throw new Error('ModelRegistry: no published model version');
    const changed = live?.model.version !== row.version;
    const model = changed ? loadModel(row.model) : current().model;
    live = bind(model, catalog);
    if (changed) options.logger?.info('model loaded', { version: model.version });
    return changed;
  }

  return {
    triage: () => current().triage,
    version: () => current().model.version,
    model: () => current().model,
    catalog: () => current().catalog,
    async ensureModel(onProgress) {
      const seeded = await seedCatalogIfEmpty(db, options.seed ?? loadCatalog(options.catalogDir ?? DEFAULT_CATALOG_DIR));
      if (seeded) options.logger?.info('catalog seeded from files');
      if (!(await publishedRow())) await trainAndPublish(await loadCatalogFromDb(db), onProgress);
      await reload();
    },
    reload,
    watch(intervalMs) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        reload()
          .catch((error: unknown) => options.logger?.info('model reload failed', { error: String(error) }))
          .finally(() => (running = false));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
