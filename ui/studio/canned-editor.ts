// Canned responses in the studio: trainers and admins list, add, edit and delete the answers
// agents insert with `/` in the console (title, Korean and English text, variables such as
// {citizen_name}). Saved through /canned-responses, which refuses an unknown variable.
import { el, replace } from '../shared/dom';
import type { StudioContext } from './context';

interface Canned {
  readonly id: string;
  readonly title: string;
  readonly text: { readonly ko: string; readonly en: string };
}

export interface CannedEditor {
  load(): Promise<void>;
  render(): void;
}

/** Adds the "canned responses" panel at the end of `page` and fills it. */
export function createCannedEditor(ctx: StudioContext, page: HTMLElement): CannedEditor {
  const { api, i18n, status } = ctx;
  const heading = el('h2', { id: 'h-canned' });
  const root = el('div', { id: 'canned' });
  page.append(el('section', { id: 'sec-canned', className: 'panel', 'aria-labelledby': heading.id }, heading, root));
  let items: readonly Canned[] = [];
  let variables: readonly string[] = [];

  const form = (item: Canned | undefined) => {
    const key = item?.id ?? 'new';
    const title = el('input', { id: `canned-title-${key}`, className: 'canned-title', value: item?.title ?? '', maxlength: 100, required: true });
    const ko = el('textarea', { id: `canned-ko-${key}`, className: 'canned-ko', rows: 2, maxlength: 2000, required: true });
    const en = el('textarea', { id: `canned-en-${key}`, className: 'canned-en', rows: 2, maxlength: 2000, required: true });
    ko.value = item?.text.ko ?? '';
    en.value = item?.text.en ?? '';
    const remove = item ? el('button', { type: 'button', className: 'danger' }, i18n.t('cannedDelete')) : null;
    const box = el(
      'form',
      { className: 'canned-form', 'data-canned-id': item?.id ?? '' },
      el('label', { for: title.id }, i18n.t('cannedTitle')),
      title,
      el('label', { for: ko.id }, i18n.t('cannedKo')),
      ko,
      el('label', { for: en.id }, i18n.t('cannedEn')),
      en,
      el('div', { className: 'buttons' }, el('button', { type: 'submit' }, i18n.t(item ? 'cannedSave' : 'cannedAdd')), remove),
    );
    box.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = { title: title.value, text: { ko: ko.value, en: en.value } };
      const request = item ? api.put(`/canned-responses/${encodeURIComponent(item.id)}`, body) : api.post('/canned-responses', body);
      void request.then(
        () => {
          status.info(i18n.t('cannedSaved'));
          return editor.load();
        },
        (error) => status.failure(error),
      );
    });
    remove?.addEventListener('click', () => {
      void api.del(`/canned-responses/${encodeURIComponent(item!.id)}`).then(
        () => {
          status.info(i18n.t('cannedDeleted'));
          return editor.load();
        },
        (error) => status.failure(error),
      );
    });
    return box;
  };

  const editor: CannedEditor = {
    async load() {
      const answer = await api.get<{ cannedResponses: Canned[]; variables: string[] }>('/canned-responses');
      items = answer.cannedResponses;
      variables = answer.variables;
      editor.render();
    },
    render() {
      heading.textContent = i18n.t('canned');
      replace(
        root,
        el('p', { className: 'muted' }, i18n.t('cannedHelp', { variables: variables.map((v) => `{${v}}`).join(' ') })),
        ...items.map((item) => el('details', { className: 'canned-item' }, el('summary', { 'data-content': '' }, item.title), form(item))),
        el('h3', {}, i18n.t('cannedNew')),
        form(undefined),
      );
    },
  };
  return editor;
}
