// An intent's answers: edit the public and private forms in both languages, see each channel's
// preview (X gets the public form with its links, counted as X counts: 280 weighted characters),
// and when each link was last checked. Saved with PUT /intents/:id/answers.
import { renderPublicAnswer, X_MAX_WEIGHTED_LENGTH, xWeightedLength } from '../../intents/public-length';
import { el, replace } from '../shared/dom';
import { intentsPath, type StudioContext } from './context';
import type { IntentAnswer, IntentDetail, IntentLink } from './types';

type Form = 'public' | 'private';
const FIELDS: readonly { form: Form; lang: 'ko' | 'en' }[] = [
  { form: 'public', lang: 'ko' },
  { form: 'public', lang: 'en' },
  { form: 'private', lang: 'ko' },
  { form: 'private', lang: 'en' },
];
/** Channels whose replies are private messages; X is shown with the public form. */
const PRIVATE_CHANNELS = ['facebook', 'kakao', 'web'] as const;

export function renderAnswerEditor(ctx: StudioContext, root: HTMLElement, detail: IntentDetail, reload: () => void): void {
  const { i18n, api, status } = ctx;
  const links: readonly IntentLink[] = detail.intent.links;
  // Edited copies; the stored definition stays untouched until saved.
  const answers: IntentAnswer[] = detail.intent.answers.map((a) => ({ ...a, public: { ...a.public }, private: { ...a.private } }));

  const preview = (answer: IntentAnswer, box: HTMLElement) => {
    const lang = i18n.lang();
    const xText = renderPublicAnswer(answer, links, lang);
    const weight = xWeightedLength(xText);
    const attached = answer.links.map((i) => links[i]).filter((l): l is IntentLink => l !== undefined);
    replace(
      box,
      el('h4', {}, i18n.t('preview')),
      el(
        'div',
        { className: 'preview' },
        el('strong', {}, i18n.t('channel.x')),
        el('p', { className: 'bubble-text' }, xText),
        el(
          'p',
          { className: weight > X_MAX_WEIGHTED_LENGTH ? 'counter over' : 'counter', 'data-weight': weight },
          i18n.t('weighted', { n: weight }),
          weight > X_MAX_WEIGHTED_LENGTH ? ` — ${i18n.t('tooLong')}` : '',
        ),
      ),
      ...PRIVATE_CHANNELS.map((channel) =>
        el(
          'div',
          { className: 'preview' },
          el('strong', {}, i18n.t(`channel.${channel}`)),
          el('p', { className: 'bubble-text' }, answer.private[lang]),
          ...attached.map((l) => el('p', { className: 'link-line' }, `${l.label[lang]}: `, el('code', {}, l.url))),
        ),
      ),
      el(
        'ul',
        { className: 'link-checks' },
        ...(attached.length === 0
          ? [el('li', {}, i18n.t('noLinks'))]
          : attached.map((l) => el('li', {}, `${l.label[lang]} — `, el('code', {}, l.url), ` · ${i18n.t('linkChecked', { date: l.checked })}`))),
      ),
    );
  };

  const answerBlock = (answer: IntentAnswer, index: number) => {
    const box = el('div', { className: 'previews', id: `preview-${index}` });
    const fields = FIELDS.map(({ form, lang }) => {
      const id = `answer-${index}-${form}-${lang}`;
      const area = el('textarea', { id, rows: form === 'public' ? 3 : 4, maxlength: 2000 });
      area.value = answer[form][lang];
      area.addEventListener('input', () => {
        answer[form] = { ...answer[form], [lang]: area.value };
        preview(answer, box);
      });
      return el('div', { className: 'field' }, el('label', { for: id }, `${i18n.t(form === 'public' ? 'answerPublic' : 'answerPrivate')} (${lang})`), area);
    });
    preview(answer, box);
    const season = answer.effective ? el('p', { className: 'muted' }, i18n.t('season', answer.effective)) : null;
    return el(
      'fieldset',
      { className: 'answer' },
      el('legend', {}, `#${index + 1}`),
      season,
      el('div', { className: 'answer-grid' }, el('div', {}, ...fields), box),
    );
  };

  const save = el('button', { type: 'submit', id: 'save-answers' }, i18n.t('saveAnswers'));
  const form = el('form', { id: 'answers-form' }, ...answers.map(answerBlock), save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.put(intentsPath(detail.intent.id, '/answers'), { answers });
      status.info(i18n.t('answersSaved'));
      ctx.changed('catalog');
      reload();
    } catch (error) {
      status.failure(error);
    }
  });
  replace(
    root,
    el('h3', {}, i18n.t('answers')),
    el('p', { className: 'note live-note', id: 'answers-live-note' }, i18n.t('answersLiveNow')),
    answers.length === 0 ? el('p', { className: 'muted' }, i18n.t('none')) : form,
  );
}
