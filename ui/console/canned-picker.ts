// The `/` picker of the reply box: typing `/` at the start of the box or after a space opens the
// canned responses, filtered by what follows the slash (title or text). ↑/↓ move, Enter or Tab
// inserts, Escape closes; a click inserts too. The chosen answer replaces the `/word`, in the
// citizen's language, with its variables filled in.
import type { CannedVariable } from '../../handoff/canned-variables';
import { fillVariables } from '../../handoff/canned-variables';
import { el, replace } from '../shared/dom';
import type { Lang } from '../shared/i18n';
import type { CannedResponse } from './types';

export interface CannedPickerDeps {
  readonly area: HTMLTextAreaElement;
  readonly responses: () => readonly CannedResponse[];
  /** The language the citizen writes in (the reply goes out in it). */
  readonly language: () => Lang;
  readonly values: () => Partial<Record<CannedVariable, string | null>>;
  readonly emptyText: () => string;
}

/** The `/word` being typed just before the caret, if any. */
export function slashQuery(text: string, caret: number): { start: number; query: string } | undefined {
  const match = /(^|\s)\/([^\s/]*)$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : undefined;
}

export function matchesQuery(response: CannedResponse, query: string): boolean {
  const q = query.toLowerCase();
  return [response.title, response.text.ko, response.text.en].some((s) => s.toLowerCase().includes(q));
}

/** Mounts the picker under the reply box; returns the listbox element to place in the form. */
export function mountCannedPicker(deps: CannedPickerDeps): HTMLElement {
  const { area } = deps;
  const list = el('ul', { id: 'canned-picker', className: 'canned-picker', role: 'listbox', hidden: true });
  area.setAttribute('role', 'combobox');
  area.setAttribute('aria-autocomplete', 'list');
  area.setAttribute('aria-controls', list.id);
  area.setAttribute('aria-expanded', 'false');
  let shown: CannedResponse[] = [];
  let active = 0;
  let slash: { start: number; query: string } | undefined;

  const close = () => {
    list.hidden = true;
    shown = [];
    area.setAttribute('aria-expanded', 'false');
    area.removeAttribute('aria-activedescendant');
  };

  const draw = () => {
    replace(
      list,
      ...(shown.length === 0
        ? [el('li', { className: 'muted', role: 'option', 'aria-disabled': 'true' }, deps.emptyText())]
        : shown.map((r, i) => {
            const option = el(
              'li',
              { id: `canned-option-${i}`, role: 'option', 'data-canned-id': r.id, 'aria-selected': i === active ? 'true' : 'false' },
              el('strong', {}, r.title),
              el('span', { className: 'canned-text' }, r.text[deps.language()]),
            );
            // mousedown, not click: the textarea keeps the focus and the caret.
            option.addEventListener('mousedown', (event) => {
              event.preventDefault();
              insert(r);
            });
            return option;
          })),
    );
    if (shown.length > 0) area.setAttribute('aria-activedescendant', `canned-option-${active}`);
    list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  };

  const update = () => {
    slash = slashQuery(area.value, area.selectionStart ?? area.value.length);
    if (!slash) return close();
    shown = deps.responses().filter((r) => matchesQuery(r, slash!.query));
    active = Math.min(active, Math.max(0, shown.length - 1));
    list.hidden = false;
    area.setAttribute('aria-expanded', 'true');
    draw();
  };

  const insert = (response: CannedResponse) => {
    if (!slash) return;
    const text = fillVariables(response.text[deps.language()], deps.values());
    const caret = area.selectionStart ?? area.value.length;
    area.value = `${area.value.slice(0, slash.start)}${text}${area.value.slice(caret)}`;
    const at = slash.start + text.length;
    area.setSelectionRange(at, at);
    close();
    area.focus();
  };

  area.addEventListener('input', () => {
    active = 0;
    update();
  });
  area.addEventListener('blur', close);
  area.addEventListener('keydown', (event) => {
    if (list.hidden) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (shown.length === 0) return;
      active = (active + (event.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      draw();
    } else if ((event.key === 'Enter' || event.key === 'Tab') && shown[active]) {
      event.preventDefault();
      insert(shown[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  return list;
}
