// Keyboard shortcuts for a page, and the "?" dialog that lists them. Keys typed into a text field
// stay in the field; a shortcut never fires while the person is writing.

export interface Shortcut {
  readonly key: string;
  /** Shown in the "?" dialog, in the current language. */
  readonly describe: () => string;
  readonly run: () => void;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Installs the shortcuts; `dialog` is the page's <dialog> that lists them on "?". */
export function installShortcuts(shortcuts: readonly Shortcut[], dialog: HTMLDialogElement, list: HTMLElement): void {
  const render = () => {
    list.replaceChildren();
    for (const s of [...shortcuts, { key: '?', describe: () => dialog.dataset.helpText ?? '?', run: () => undefined }]) {
      const dt = document.createElement('dt');
      const kbd = document.createElement('kbd');
      kbd.textContent = s.key;
      dt.append(kbd);
      const dd = document.createElement('dd');
      dd.textContent = s.describe();
      list.append(dt, dd);
    }
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
    if (event.key === '?') {
      event.preventDefault();
      render();
      if (!dialog.open) dialog.showModal();
      return;
    }
    if (dialog.open) return;
    const shortcut = shortcuts.find((s) => s.key === event.key);
    if (shortcut) {
      event.preventDefault();
      shortcut.run();
    }
  });
}
