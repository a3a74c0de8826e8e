// Version history: every model with its status and headline evaluation; publish a draft (the
// server refuses a regression unless forced with a reason), roll back to an earlier live one.
import { ApiError } from '../shared/api';
import { el, replace } from '../shared/dom';
import { formatDateTime, percent } from '../shared/format';
import { modelPath, type StudioContext } from './context';
import { studioKey } from './text';
import type { ModelsAnswer, ModelVersionSummary, PublishResult } from './types';

export interface VersionsView {
  load(): Promise<ModelsAnswer | undefined>;
}

export function createVersionsView(ctx: StudioContext, root: HTMLElement, showEvaluation: (version: string) => void): VersionsView {
  const { i18n, api, status } = ctx;
  let models: ModelsAnswer | undefined;

  /** A refused publish: say why, and offer forcing it with a reason for the audit log. */
  const offerForce = (version: string, message: string) => {
    const reason = el('input', { id: 'force-reason', type: 'text', maxlength: 1000, required: true });
    const form = el(
      'form',
      { id: 'force-form', className: 'inline-form' },
      el('p', { className: 'error' }, i18n.t('regressed', { message })),
      el('label', { for: reason.id }, i18n.t('forceReason')),
      reason,
      el('button', { type: 'submit' }, i18n.t('force')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void swap(version, 'publish', { force: true, reason: reason.value.trim() });
    });
    root.append(form);
    reason.focus();
  };

  const swap = async (version: string, how: 'publish' | 'rollback', body: object = {}) => {
    try {
      const result = await api.post<PublishResult>(modelPath(version, `/${how}`), body);
      status.info(i18n.t(result.rollback ? 'rolledBack' : 'published', { version: result.version }));
      ctx.changed('models');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && how === 'publish' && (error.details as { regressions?: unknown } | undefined)?.regressions)
        offerForce(version, error.message);
      else status.failure(error);
    }
  };

  const row = (v: ModelVersionSummary) => {
    const actions: HTMLElement[] = [];
    const button = (key: 'publish' | 'rollback' | 'show', run: () => void) => {
      const b = el('button', { type: 'button', className: 'small', 'data-action': key, 'data-version': v.version }, i18n.t(key));
      b.addEventListener('click', run);
      actions.push(b);
    };
    if (v.evaluation) button('show', () => showEvaluation(v.version));
    if (v.status === 'draft') button('publish', () => void swap(v.version, 'publish'));
    if (v.status === 'retired' && v.publishedAt) button('rollback', () => void swap(v.version, 'rollback'));
    const statusKey = studioKey('status', v.status);
    return el(
      'tr',
      { 'data-version': v.version, className: v.status === 'published' ? 'live' : null },
      el('td', {}, el('code', {}, v.version)),
      el('td', { className: 'version-status' }, statusKey ? i18n.t(statusKey) : v.status),
      el('td', {}, formatDateTime(v.createdAt, i18n.lang())),
      el('td', { className: 'num' }, v.examples ?? '—'),
      el('td', { className: 'num' }, percent(v.evaluation?.macroF1)),
      el('td', { className: 'num' }, percent(v.evaluation?.autoAnswerPrecision)),
      el('td', {}, ...actions),
    );
  };

  const render = () => {
    if (!models) return;
    const head = el(
      'tr',
      {},
      ...(['version', 'status', 'created', 'examples', 'macroF1', 'autoPrecision'] as const).map((k) => el('th', { scope: 'col' }, i18n.t(k))),
      el('th', {}, ''),
    );
    replace(root, el('table', { id: 'versions-table' }, el('thead', {}, head), el('tbody', {}, ...models.versions.map(row))));
  };
  i18n.onChange(render);

  return {
    async load() {
      try {
        models = await api.get<ModelsAnswer>('/models');
        render();
        return models;
      } catch (error) {
        status.failure(error);
        return undefined;
      }
    },
  };
}
