// What the agent should notice without watching the console: new urgent tickets and citizen
// replies on the agent's own tickets. The tab title always carries the unread count (cleared
// ticket by ticket as the agent opens them); a desktop notification and a short tone are opt-in,
// each remembered in localStorage. The desktop one asks the browser's permission when turned on.
import { el } from '../shared/dom';

export interface Notifier {
  /** Something to notice about a ticket: counted unread until the agent opens that ticket. */
  notify(ticketId: string, title: string, body: string, urgent: boolean): void;
  /** The agent opened the ticket: its unread items are read. */
  read(ticketId: string): void;
  unread(): number;
  /** Re-draws the title (after a language switch). */
  refresh(): void;
}

const KEYS = { desktop: 'sotong.notify.desktop', sound: 'sotong.notify.sound' } as const;

const stored = (key: string) => {
  try {
    return window.localStorage.getItem(key) === 'on';
  } catch {
    return false;
  }
};
const store = (key: string, on: boolean) => {
  try {
    window.localStorage.setItem(key, on ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts for this page only.
  }
};

export interface NotifierText {
  readonly title: () => string;
  readonly urgentTitle: () => string;
  readonly legend: () => string;
  readonly desktop: () => string;
  readonly sound: () => string;
}

/** Mounts the two opt-in switches at the end of `container` and owns the tab title. */
export function createNotifier(container: HTMLElement, text: NotifierText): Notifier {
  const box = (id: string) => el('input', { type: 'checkbox', id });
  const settings = { desktop: box('notify-desktop'), sound: box('notify-sound') };
  const names = { legend: el('legend', {}), desktop: el('span', {}), sound: el('span', {}) };
  container.append(
    el(
      'fieldset',
      { className: 'notify-settings' },
      names.legend,
      el('label', {}, settings.desktop, ' ', names.desktop),
      el('label', {}, settings.sound, ' ', names.sound),
    ),
  );
  const baseTitle = text.title;
  const urgentTitle = text.urgentTitle;
  const unread = new Map<string, { count: number; urgent: boolean }>();
  let audio: AudioContext | undefined;

  settings.desktop.checked = stored(KEYS.desktop) && typeof Notification !== 'undefined' && Notification.permission === 'granted';
  settings.sound.checked = stored(KEYS.sound);
  settings.desktop.addEventListener('change', () => {
    if (!settings.desktop.checked || typeof Notification === 'undefined') {
      settings.desktop.checked = false;
      store(KEYS.desktop, false);
      return;
    }
    void Notification.requestPermission().then((permission) => {
      settings.desktop.checked = permission === 'granted';
      store(KEYS.desktop, settings.desktop.checked);
    });
  });
  settings.sound.addEventListener('change', () => store(KEYS.sound, settings.sound.checked));

  const total = () => [...unread.values()].reduce((n, u) => n + u.count, 0);
  const draw = () => {
    names.legend.textContent = text.legend();
    names.desktop.textContent = text.desktop();
    names.sound.textContent = text.sound();
    const n = total();
    const urgent = [...unread.values()].some((u) => u.urgent);
    document.title = n === 0 ? baseTitle() : `(${n}) ${urgent ? `🚨 ${urgentTitle()} · ` : ''}${baseTitle()}`;
  };

  const beep = (urgent: boolean) => {
    try {
      audio ??= new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = urgent ? 880 : 660;
      gain.gain.value = 0.1;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.25);
    } catch {
      // No audio device: the title and the notification still tell.
    }
  };

  draw();
  return {
    notify(ticketId, title, body, urgent) {
      const entry = unread.get(ticketId) ?? { count: 0, urgent: false };
      unread.set(ticketId, { count: entry.count + 1, urgent: entry.urgent || urgent });
      draw();
      if (settings.sound.checked) beep(urgent);
      if (settings.desktop.checked && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        // One notification per ticket (the tag): a second reply replaces the first.
        new Notification(title, { body, tag: `sotong-${ticketId}` });
      }
    },
    read(ticketId) {
      if (unread.delete(ticketId)) draw();
    },
    unread: total,
    refresh: draw,
  };
}
