// An intent's examples: the list (with delete) and the editor that shows, as you type, which
// stored examples the new one duplicates or conflicts with. The server has the last word (409).
import { ApiError } from '../shared/api';
import { el, replace } from '../shared/dom';
import { intentsPath, type StudioContext } from './context';
import { findOverlaps } from './similarity';
import type { IntentDetail, StoredExample } from './types';

const DEBOUNCE_MS = 120;

export function renderExampleEditor(ctx: StudioContext, root: HTMLElement, detail: IntentDetail, reload: () => void): void {
  const { i18n, api, status } = ctx;
  const id = detail.intent.id;
  const input = el('input', { id: 'example-input', type: 'text', maxlength: 1000, autocomplete: 'off', 'aria-describedby': 'example-overlaps' });
  const overlaps = el('ul', { id: 'example-overlaps', className: 'overlaps', 'aria-live': 'polite' });
  const submit = el('button', { type: 'submit' }, i18n.t('addExample'));
  const form = el('form', { id: 'example-form', className: 'inline-form' }, el('label', { for: input.id }, i18n.t('newExample')), input, submit);

  const showOverlaps = () => {
    const found = findOverlaps(ctx.data.examples, id, input.value);
    submit.disabled = found.some((o) => o.blocking);
    if (input.value.trim() === '') return replace(overlaps);
    if (found.length === 0) return replace(overlaps, el('li', { className: 'ok' }, i18n.t('noDuplicates')));
    replace(
      overlaps,
      ...found.map((o) => {
        const params = { intent: o.intent, text: o.text, similarity: o.similarity.toFixed(2) };
        return el('li', { className: o.blocking ? 'conflict' : 'similar' }, i18n.t(o.sameIntent ? 'duplicateSame' : 'duplicateOther', params));
      }),
    );
  };
  let timer: number | undefined;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(showOverlaps, DEBOUNCE_MS);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      await api.post(intentsPath(id, '/examples'), { text });
      status.info(i18n.t('exampleAdded'));
      input.value = '';
      ctx.changed('catalog');
      reload();
    } catch (error) {
      // 409 names the conflicting intent and example: show it where the trainer is looking.
      if (error instanceof ApiError && error.status === 409) replace(overlaps, el('li', { className: 'conflict' }, error.message));
      status.failure(error);
    }
  });

  const item = (example: StoredExample) => {
    // The button says what it does; the example it deletes is its description (content, not UI).
    const textId = `example-text-${example.id}`;
    const remove = el('button', { type: 'button', className: 'small', 'aria-describedby': textId }, i18n.t('deleteExample'));
    remove.addEventListener('click', async () => {
      try {
        await api.del(intentsPath(id, `/examples/${encodeURIComponent(example.id)}`));
        status.info(i18n.t('exampleDeleted'));
        ctx.changed('catalog');
        reload();
      } catch (error) {
        status.failure(error);
      }
    });
    return el('li', {}, el('span', { className: 'lang' }, example.language), ' ', el('span', { id: textId, 'data-content': '' }, example.text), ' ', remove);
  };

  replace(
    root,
    el('h3', {}, `${i18n.t('examples')} (${detail.examples.length})`),
    el('p', { className: 'note training-note', id: 'examples-training-note' }, i18n.t('examplesNeedTraining')),
    form,
    overlaps,
    el('ul', { className: 'examples', id: 'examples-list' }, ...detail.examples.map(item)),
  );
}
