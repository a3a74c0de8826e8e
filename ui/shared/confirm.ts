// "Are you sure?" with the consequences spelled out: one shared <dialog id="confirm-dialog">
// per page. Resolves true when the person confirms.
import { byId } from './dom';

export function confirmAction(text: { readonly title: string; readonly body: string; readonly ok: string; readonly cancel: string }): Promise<boolean> {
  const dialog = byId<HTMLDialogElement>('confirm-dialog');
  byId('confirm-title').textContent = text.title;
  byId('confirm-body').textContent = text.body;
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
      resolve(answer);
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
