// The triage card: what the bot worked out, so the agent starts where the bot stopped. Every
// value comes from citizen text or the model, so all of it goes in as text.
import { el, scoreBar, type Child } from '../shared/dom';
import type { I18n } from '../shared/i18n';
import { dynamicKey, type ConsoleKey } from './text';
import type { TriageCard } from './types';

type T = I18n<ConsoleKey>;

/** A translated label for a data value, or the raw value when the dictionary has no entry. */
export function label(i18n: T, prefix: string, value: string | null | undefined): string {
  const key = dynamicKey(prefix, value);
  return key ? i18n.t(key) : (value ?? '—');
}

function row(term: string, ...value: Child[]): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function entityText(entity: TriageCard['entities'][number]): string {
  const value = typeof entity.value === 'string' || typeof entity.value === 'number' ? String(entity.value) : JSON.stringify(entity.value);
  return value && value !== entity.text ? `${entity.type}: ${entity.text} → ${value}` : `${entity.type}: ${entity.text}`;
}

export function renderTriageCard(card: TriageCard, i18n: T): HTMLElement {
  const lang = i18n.lang();
  const intents = el('ol', { className: 'intent-guesses' });
  for (const guess of card.topIntents) {
    const name = guess.name ? `${guess.name[lang]} (${guess.intent})` : guess.intent;
    intents.append(el('li', {}, scoreBar(name, guess.confidence)));
  }
  const entities =
    card.entities.length === 0
      ? el('p', {}, i18n.t('noEntities'))
      : el('ul', { className: 'entities' }, ...card.entities.map((e) => el('li', { 'data-content': '' }, entityText(e))));
  const facts = el(
    'dl',
    { className: 'facts' },
    ...row(i18n.t('reason'), label(i18n, 'reason', card.reason)),
    // Cards stored before flags existed have none.
    ...((card.flags ?? []).length > 0 ? row(i18n.t('flagsLabel'), (card.flags ?? []).map((f) => label(i18n, 'flag', f)).join(', ')) : []),
    ...row(i18n.t('channel'), card.channel),
    ...row(i18n.t('visibility'), i18n.t(card.isPublic ? 'public' : 'private')),
    ...row(i18n.t('language'), card.language),
    ...row(i18n.t('priorityLabel'), label(i18n, 'priority', card.priority)),
    ...row(i18n.t('queueLabel'), card.queue),
    ...(card.citizenHandle ? row(i18n.t('handle'), el('span', { 'data-content': '' }, card.citizenHandle)) : []),
    ...row(i18n.t('modelVersion'), card.modelVersion),
  );
  return el(
    'section',
    { className: 'triage-card', 'aria-labelledby': 'card-title' },
    el('h3', { id: 'card-title' }, i18n.t('card')),
    el('h4', {}, i18n.t('intents')),
    intents,
    el('h4', {}, i18n.t('entities')),
    entities,
    facts,
  );
}
