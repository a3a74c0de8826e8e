// The test box: what the live bot would do with a sentence (POST /nlu/parse), without storing
// or sending anything: top intents with scores, entities, the action and the reply.
import { el, linkAsText, replace, scoreBar } from '../shared/dom';
import type { StudioContext } from './context';
import type { ParseAnswer } from './types';

export function mountTestBox(ctx: StudioContext, root: HTMLElement): void {
  const { i18n, api, status } = ctx;
  const input = el('input', { id: 'test-input', type: 'text', maxlength: 4000 });
  const result = el('div', { id: 'test-result', 'aria-live': 'polite' });
  const form = el(
    'form',
    { id: 'test-form', className: 'inline-form' },
    el('label', { for: input.id }, i18n.t('testInput')),
    input,
    el('button', { type: 'submit' }, i18n.t('test')),
  );

  const show = (answer: ParseAnswer) => {
    const names = new Map(ctx.data.intents.map((i) => [i.id, i.name[i18n.lang()]]));
    replace(
      result,
      el(
        'ol',
        { className: 'intent-guesses' },
        ...answer.intents.slice(0, 3).map((s) => el('li', {}, scoreBar(names.has(s.intent) ? `${names.get(s.intent)} (${s.intent})` : s.intent, s.confidence))),
      ),
      el(
        'dl',
        { className: 'facts' },
        el('dt', {}, i18n.t('action')),
        el('dd', { id: 'test-action' }, answer.action),
        el('dt', {}, i18n.t('reason')),
        el('dd', {}, answer.reason ?? '—'),
        el('dt', {}, i18n.t('entities')),
        el('dd', {}, answer.entities.length === 0 ? i18n.t('none') : answer.entities.map((e) => `${e.type}: ${e.text}`).join(', ')),
        el('dt', {}, i18n.t('reply')),
        el(
          'dd',
          {},
          answer.reply ? el('p', { className: 'bubble-text' }, answer.reply.text) : '—',
          ...(answer.reply?.links ?? []).map((l) => el('p', {}, linkAsText(l, 'open'))),
        ),
      ),
      el('p', { className: 'muted' }, answer.modelVersion),
    );
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    try {
      show(await api.post<ParseAnswer>('/nlu/parse', { text: input.value }));
    } catch (error) {
      status.failure(error);
    }
  });
  replace(root, form, result);
}
