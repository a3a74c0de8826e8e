// Puts the surge panel on the console page (a section above the queue) and keeps it current:
// reloaded when the stream is ready and on every `surge.changed` event, announced when one opens,
// and in the console's language. Kept apart from main.ts, which only calls mountSurgePanel().
import type { Api } from '../shared/api';
import { byId, el } from '../shared/dom';
import type { I18n, Lang } from '../shared/i18n';
import { hasRole, type SignedInUser } from '../shared/session';
import { createSurgePanel } from './surge-panel';
import { SURGE_TEXT, type SurgeKey } from './surge-text';

export interface MountedSurgePanel {
  reload(): void;
  /** A `surge.changed` live event. */
  changed(event: unknown): void;
}

/** The panel's words in the console's current language (its dictionary is never applied to the page). */
function words(lang: () => Lang): Pick<I18n<SurgeKey>, 't' | 'lang'> {
  return {
    lang,
    t: (key, params) => SURGE_TEXT[lang()][key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole)),
  };
}

export function mountSurgePanel(deps: {
  readonly api: Api;
  readonly user: SignedInUser;
  readonly i18n: Pick<I18n<string>, 'lang' | 'onChange'>;
  readonly status: { info(text: string): void; failure(error: unknown): void };
  readonly announcer: HTMLElement;
}): MountedSurgePanel {
  const root = el('section', { id: 'surges', className: 'surges', 'aria-live': 'polite' });
  byId('app').prepend(root);
  const i18n = words(deps.i18n.lang);
  const panel = createSurgePanel({
    root,
    api: deps.api,
    i18n,
    supervisor: hasRole(deps.user, 'supervisor'),
    report: deps.status.info,
    failure: deps.status.failure,
  });
  deps.i18n.onChange(() => panel.render());
  const reload = () => void panel.reload().catch(deps.status.failure);
  const known = new Set<string>();
  return {
    reload,
    changed(event) {
      const e = event as { surgeId: string; status: string; label: string; count: number };
      if (e.status === 'open' && !known.has(e.surgeId)) {
        known.add(e.surgeId);
        deps.announcer.textContent = i18n.t('opened', { label: e.label, count: e.count });
      }
      reload();
    },
  };
}
