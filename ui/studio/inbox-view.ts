// The inbox: messages the bot could not handle well (agent relabels, low confidence, unhandled),
// each one click from becoming an example of the chosen intent.
import { el, replace } from '../shared/dom';
import { percent } from '../shared/format';
import type { StudioContext } from './context';
import { studioKey } from './text';
import type { InboxItem } from './types';

export function createInboxView(ctx: StudioContext, root: HTMLElement): { load(): Promise<void> } {
  const { i18n, api, status } = ctx;
  let items: readonly InboxItem[] = [];

  const act = async (item: InboxItem, how: 'accept' | 'dismiss', intent?: string) => {
    try {
      await api.post(`/inbox/${encodeURIComponent(item.id)}/${how}`, how === 'accept' ? { intent } : undefined);
      status.info(how === 'accept' ? i18n.t('accepted', { intent: intent ?? '' }) : i18n.t('dismissed'));
      if (how === 'accept') ctx.changed('catalog');
      await view.load();
    } catch (error) {
      status.failure(error);
    }
  };

  const card = (item: InboxItem) => {
    const preferred = item.suggestedIntent ?? item.predictedIntent;
    const select = el(
      'select',
      { 'aria-label': i18n.t('intent'), className: 'inbox-intent' },
      ...ctx.data.intents.map((i) => el('option', { value: i.id, selected: i.id === preferred }, `${i.name[i18n.lang()]} (${i.id})`)),
    );
    const add = el('button', { type: 'button', className: 'add-example' }, i18n.t('addAsExample'));
    add.addEventListener('click', () => void act(item, 'accept', select.value));
    const dismiss = el('button', { type: 'button', className: 'small' }, i18n.t('dismiss'));
    dismiss.addEventListener('click', () => void act(item, 'dismiss'));
    const source = studioKey('source', item.source);
    return el(
      'li',
      { className: 'inbox-item', 'data-item': item.id },
      el('p', { className: 'bubble-text' }, item.text),
      el(
        'p',
        { className: 'muted' },
        `${i18n.t('source')}: ${source ? i18n.t(source) : item.source} · ${item.predictedIntent ?? '—'} ${percent(item.confidence)}${item.reason ? ` · ${item.reason}` : ''}`,
      ),
      el('div', { className: 'inline-form' }, select, add, dismiss),
    );
  };

  const render = () =>
    replace(
      root,
      items.length === 0 ? el('p', { className: 'muted' }, i18n.t('inboxEmpty')) : el('ul', { className: 'inbox', id: 'inbox-list' }, ...items.map(card)),
    );
  i18n.onChange(render);

  const view = {
    async load() {
      try {
        items = (await api.get<{ items: InboxItem[] }>('/inbox?limit=100')).items;
        render();
      } catch (error) {
        status.failure(error);
      }
    },
  };
  return view;
}
