// "Are you sure?" with the consequences spelled out: one shared <dialog id="confirm-dialog">
// per page, optionally with one choice (a checkbox) that goes with the confirmation.
import { byId } from './dom';

export interface ConfirmText {
  readonly title: string;
  readonly body: string;
  readonly ok: string;
  readonly cancel: string;
  /** An optional choice shown as a checkbox (#confirm-option); its state is in `option()`. */
  readonly option?: string;
}

/** Resolves false on cancel, else true; with an option, `{ option: boolean }` via confirmWithOption. */
export async function confirmAction(text: ConfirmText): Promise<boolean> {
  return (await confirmWithOption(text)) !== false;
}

export function confirmWithOption(text: ConfirmText): Promise<false | { readonly option: boolean }> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  byId('confirm-title').textContent = text.title;
  byId('confirm-body').textContent = text.body;
  const optionLabel = document.getElementById('confirm-option-label');
  const optionBox = document.getElementById('confirm-option') as HTMLInputElement | null;
  if (optionLabel && optionBox) {
    optionLabel.hidden = !text.option;
    optionBox.checked = false;
    const textNode = optionLabel.querySelector('span');
    if (textNode) textNode.textContent = text.option ?? '';
  }
  const ok = byId<HTMLButtonElement>('confirm-ok');
  const cancel = byId<HTMLButtonElement>('confirm-cancel');
  ok.textContent = text.ok;
  cancel.textContent = text.cancel;
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      ok.removeEventListener('click', yes);
      cancel.removeEventListener('click', no);
      dialog.removeEventListener('cancel', no);
      if (dialog.open) dialog.close();
      resolve(answer ? { option: Boolean(text.option && optionBox?.checked) } : false);
    };
    const yes = () => done(true);
    const no = () => done(false);
    ok.addEventListener('click', yes);
    cancel.addEventListener('click', no);
    dialog.addEventListener('cancel', no);
    dialog.showModal();
    ok.focus();
  });
}
