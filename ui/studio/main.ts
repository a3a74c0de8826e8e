// The trainer studio: intents and their health, example and answer editors, the test box,
// training with progress, the evaluation, version history and the inbox.
import { byId, el, replace } from '../shared/dom';
import type { FreshnessReport } from '../../freshness/report';
import { renderFreshness } from '../shared/freshness-view';
import { bootSignedInPage } from '../shared/page-boot';
import { renderAnswerEditor } from './answer-editor';
import { intentsPath, modelPath, type StudioContext, type StudioData } from './context';
import { createEvaluationView } from './evaluation-view';
import { renderExampleEditor } from './example-editor';
import { createCannedEditor } from './canned-editor';
import { createInboxView } from './inbox-view';
import { renderIntents } from './intents-view';
import { mountTestBox } from './test-box';
import { STUDIO_TEXT } from './text';
import { mountTrainView } from './train-view';
import type { EvaluationAnswer, IntentDetail, IntentSummary, ModelsAnswer, StoredExample } from './types';
import { createVersionsView } from './versions-view';

async function start(): Promise<void> {
  const page = await bootSignedInPage(STUDIO_TEXT, 'trainer', 'studio');
  if (!page) return;
  const { i18n, api, status } = page;

  const listeners: Array<(what: 'catalog' | 'models') => void> = [];
  const data: StudioData = { intents: [], examples: [] };
  const ctx: StudioContext = { api, i18n, status, data, changed: (what) => listeners.forEach((l) => l(what)), onChanged: (l) => void listeners.push(l) };

  const evaluation = createEvaluationView(ctx, byId('evaluation'));
  const versions = createVersionsView(ctx, byId('versions'), (version) => void evaluation.show(version));
  const inbox = createInboxView(ctx, byId('inbox'));
  const canned = createCannedEditor(ctx, byId('app'));
  let selected: string | undefined;

  const renderList = () => renderIntents(ctx, byId('intents'), (id) => void openIntent(id));

  async function openIntent(id: string): Promise<void> {
    selected = id;
    try {
      const detail = await api.get<IntentDetail>(intentsPath(id));
      const reload = () => void openIntent(id);
      replace(byId('editor-title'), `${detail.intent.name[i18n.lang()]} (${id})`);
      renderExampleEditor(ctx, byId('examples'), detail, reload);
      renderAnswerEditor(ctx, byId('answers'), detail, reload);
      byId('editor').hidden = false;
    } catch (error) {
      status.failure(error);
    }
  }

  let freshness: FreshnessReport | undefined;
  const renderFreshnessPanel = () => freshness && renderFreshness(byId('freshness'), freshness, i18n.lang());
  async function loadFreshness(): Promise<void> {
    freshness = await api.get<FreshnessReport>('/freshness');
    renderFreshnessPanel();
  }

  async function loadCatalog(): Promise<void> {
    const { intents } = await api.get<{ intents: IntentSummary[] }>('/intents');
    const examples = await Promise.all(intents.map((i) => api.get<{ examples: StoredExample[] }>(intentsPath(i.id, '/examples'))));
    data.intents = intents;
    data.examples = examples.flatMap((e) => e.examples);
    renderList();
  }

  /** Health comes from the live model's evaluation, or the newest evaluated version's. */
  async function loadModels(): Promise<ModelsAnswer | undefined> {
    const models = await versions.load();
    if (!models) return undefined;
    const evaluated = models.versions.find((v) => v.version === models.live && v.evaluation) ?? models.versions.find((v) => v.evaluation);
    if (evaluated) {
      const answer = await api.get<EvaluationAnswer>(modelPath(evaluated.version, '/evaluation'));
      data.health = { version: answer.version, evaluation: answer.evaluation };
    }
    renderList();
    return models;
  }

  ctx.onChanged((what) => {
    // The inbox's intent choices come from the catalog, so it renders after it.
    const work = what === 'catalog' ? Promise.all([loadCatalog().then(() => inbox.load()), loadFreshness()]) : loadModels();
    work.catch((error) => status.failure(error));
  });
  i18n.onChange(() => {
    renderList();
    renderFreshnessPanel();
    canned.render();
    if (selected) void openIntent(selected);
  });

  mountTestBox(ctx, byId('test-box'));
  mountTrainView(ctx, byId('train'), (version) => {
    void evaluation.show(version);
  });
  byId('inbox-refresh').addEventListener('click', () => void inbox.load());

  await loadCatalog();
  await Promise.all([inbox.load(), loadFreshness(), canned.load()]);
  const models = await loadModels();
  if (data.health) await evaluation.show(data.health.version);
  else if (models?.versions[0]) replace(byId('evaluation'), el('p', { className: 'muted' }, i18n.t('noEvaluation')));
  byId('app').dataset.loaded = 'true';
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch((error) => {
    const region = document.getElementById('status');
    if (region) region.textContent = String((error as Error).message ?? error);
  });
});
