// The CSAT's thanks and quick replies (the resolve notice asks: handoff/citizen-notices.ts), and reading a citizen's tap back. Pure. The same five
// choices go out on every channel as that platform's quick replies (Kakao `quickReplies` with
// `messageText`, Messenger `quick_replies` with a `SOTONG:` payload), so a tap comes back as one
// of these texts; only a message matching an offered choice, while a request is pending, counts.
import type { ReplyLanguage } from '../bot/texts';

export const RATING_SCORES = [5, 4, 3, 2, 1] as const;

const CHOICES: Readonly<Record<ReplyLanguage, Readonly<Record<number, string>>>> = {
  ko: { 5: '5 매우 만족', 4: '4 만족', 3: '3 보통', 2: '2 불만족', 1: '1 매우 불만족' },
  en: { 5: '5 Very good', 4: '4 Good', 3: '3 OK', 2: '2 Poor', 1: '1 Very poor' },
};

const TEXTS = {
  thanks: { ko: '평가해 주셔서 감사합니다.', en: 'Thank you for your rating.' },
} as const;

export function ratingThanks(lang: ReplyLanguage): string {
  return TEXTS.thanks[lang];
}

/** The five choices as quick replies (label = text, ≤ 14 characters for Kakao). */
export function ratingQuickReplies(lang: ReplyLanguage): { label: string; text: string }[] {
  return RATING_SCORES.map((score) => ({ label: CHOICES[lang][score]!, text: CHOICES[lang][score]! }));
}

const normalize = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
const OFFERED = new Map(
  (Object.values(CHOICES) as Readonly<Record<number, string>>[]).flatMap((choices) => RATING_SCORES.map((s) => [normalize(choices[s]!), s] as const)),
);

/** The score of a tapped choice (either language), a bare "4" or "4점"; null for anything else. */
export function parseRating(text: string): number | null {
  const plain = normalize(text);
  const offered = OFFERED.get(plain);
  if (offered !== undefined) return offered;
  const bare = /^([1-5])\s*(?:점)?$/.exec(plain);
  return bare ? Number(bare[1]) : null;
}
