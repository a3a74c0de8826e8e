// Korean first, English on request: each page has a ko/en dictionary of the same keys; the choice
// is remembered in localStorage (the same key the citizen chat page uses) and applied to every
// element carrying data-i18n / data-i18n-placeholder / data-i18n-label.

export type Lang = 'ko' | 'en';
export type Dictionary<K extends string> = { readonly ko: Readonly<Record<K, string>>; readonly en: Readonly<Record<K, string>> };

export const LANG_STORAGE_KEY = 'sotong.lang';

export interface I18n<K extends string> {
  lang(): Lang;
  t(key: K, params?: Readonly<Record<string, string | number>>): string;
  /** Switches language, re-applies the static texts and calls every onChange listener. */
  set(lang: Lang): void;
  toggle(): void;
  onChange(listener: (lang: Lang) => void): void;
  /** Applies data-i18n keys under `root` (the document by default). */
  apply(root?: ParentNode): void;
}

function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

export function createI18n<K extends string>(dictionary: Dictionary<K>): I18n<K> {
  let current = storedLang();
  const listeners: Array<(lang: Lang) => void> = [];
  const has = (key: string): key is K => Object.prototype.hasOwnProperty.call(dictionary.ko, key);

  const t = (key: K, params?: Readonly<Record<string, string | number>>) => {
    const template = dictionary[current][key];
    return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
  };

  const apply = (root: ParentNode = document) => {
    document.documentElement.lang = current;
    const title: string = 'title';
    if (has(title)) document.title = t(title);
    for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-i18n]'))) {
      const key = node.dataset.i18n ?? '';
      if (has(key)) node.textContent = t(key);
    }
    for (const node of Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-i18n-placeholder]'))) {
      const key = node.dataset.i18nPlaceholder ?? '';
      if (has(key)) node.placeholder = t(key);
    }
    for (const node of Array.from(root.querySelectorAll<HTMLElement>('[data-i18n-label]'))) {
      const key = node.dataset.i18nLabel ?? '';
      if (has(key)) node.setAttribute('aria-label', t(key));
    }
  };

  const set = (lang: Lang) => {
    current = lang;
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    apply();
    for (const listener of listeners) listener(lang);
  };

  return {
    lang: () => current,
    t,
    set,
    toggle: () => set(current === 'ko' ? 'en' : 'ko'),
    onChange: (listener) => void listeners.push(listener),
    apply,
  };
}

/** Wires a page's language button: shows the other language's name and switches on click. */
export function bindLanguageToggle<K extends string>(button: HTMLButtonElement, i18n: I18n<K>): void {
  const label = () => {
    // The switch names the other language in that language, and says so (lang) to screen readers.
    const other = i18n.lang() === 'ko' ? 'en' : 'ko';
    button.lang = other;
    button.textContent = other === 'en' ? 'English' : '한국어';
    button.setAttribute('aria-label', other === 'en' ? 'Switch to English' : '한국어로 보기');
  };
  button.addEventListener('click', () => i18n.toggle());
  i18n.onChange(label);
  label();
}
