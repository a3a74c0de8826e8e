// Number and time formatting shared by the pages. Pure: no DOM.

/** "3:07" / "-0:42" / "1:02:05": the time left until a deadline, negative once missed. */
export function formatTimeLeft(deadline: Date | string | null, now: Date): string {
  if (deadline === null) return '—';
  const ms = new Date(deadline).getTime() - now.getTime();
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const body = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
  return negative ? `-${body}` : body;
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function formatDateTime(value: string | Date | null | undefined, lang: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleString(lang === 'en' ? 'en-GB' : 'ko-KR', { dateStyle: 'short', timeStyle: 'short', hour12: false });
}

/** Seconds as "42s" / "4.5 min" (what the dashboard compares with the call centre's 4–9 min). */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  return seconds < 90 ? `${seconds.toFixed(seconds < 10 ? 1 : 0)}s` : `${(seconds / 60).toFixed(1)} min`;
}
