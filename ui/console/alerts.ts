// A new urgent ticket must be noticed even in a background tab: the title blinks until the page
// is looked at, and a short tone plays (if the browser allows sound without a click).

export interface UrgentAlert {
  raise(text: string): void;
}

export function createUrgentAlert(baseTitle: () => string): UrgentAlert {
  let timer: number | undefined;
  let audio: AudioContext | undefined;

  const stop = () => {
    if (timer !== undefined) window.clearInterval(timer);
    timer = undefined;
    document.title = baseTitle();
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') window.setTimeout(stop, 4000);
  });

  const beep = () => {
    try {
      audio ??= new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.1;
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.25);
    } catch {
      // No audio device or autoplay blocked: the title still blinks.
    }
  };

  return {
    raise(text) {
      stop();
      let on = false;
      document.title = `🔴 ${text}`;
      timer = window.setInterval(() => {
        on = !on;
        document.title = on ? baseTitle() : `🔴 ${text}`;
      }, 1000);
      beep();
    },
  };
}
