// Train a new model in the background (POST /models/train → 202) and follow its progress
// (GET /models/training/:jobId) until it is a draft with an evaluation.
import { el, replace } from '../shared/dom';
import type { StudioContext } from './context';
import type { TrainingJobView } from './types';

const POLL_MS = 500;

export function mountTrainView(ctx: StudioContext, root: HTMLElement, onTrained: (version: string) => void): void {
  const { i18n, api, status } = ctx;
  const button = el('button', { type: 'button', id: 'train-button' }, i18n.t('train'));
  const bar = el('progress', { id: 'train-progress', max: 100, value: 0, hidden: true });
  const text = el('p', { id: 'train-status', 'aria-live': 'polite' });

  const follow = async (jobId: string): Promise<void> => {
    for (;;) {
      const { job } = await api.get<{ job: TrainingJobView }>(`/models/training/${encodeURIComponent(jobId)}`);
      bar.value = job.percent;
      if (job.status === 'succeeded' && job.version) {
        text.textContent = i18n.t('trained', { version: job.version });
        onTrained(job.version);
        return;
      }
      if (job.status === 'failed') {
        text.textContent = i18n.t('trainFailed', { error: job.error ?? '?' });
        return;
      }
      text.textContent = i18n.t('training', { stage: job.stage, percent: job.percent });
      await new Promise((resolve) => window.setTimeout(resolve, POLL_MS));
    }
  };

  button.addEventListener('click', async () => {
    button.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    try {
      const started = await api.post<{ jobId: string }>('/models/train');
      await follow(started.jobId);
      ctx.changed('models');
    } catch (error) {
      status.failure(error);
    } finally {
      button.disabled = false;
    }
  });
  replace(root, button, bar, text);
}
