// The hot-path stand-ins for Recognizers-Text (see recognizers.ts for why): phone numbers and
// e-mails from the PII detectors, URLs and plain English numbers from simple patterns.
import { detectEmail } from '../pii/email';
import { detectPhone } from '../pii/phone';
import type { Entity, Language } from '../types';
import { entityAt, matchEntities } from './entity';

const URL =
  /\b(?:https?:\/\/|www\.)[^\s<>"'()\u3000]{1,2000}|\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.(?:go\.kr|or\.kr|kr|com|net|org|gov)(?:\/[^\s<>"'()]{0,2000})?/gi;
const NUMBER = /(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.,])\d+(?:\.\d+)?(?![\w,])/g;

// A URL's closing punctuation belongs to the sentence: "see www.gov.kr." ends at 'kr'.
const trimUrl = (s: string): number => s.replace(/[.,!?;:]+$/, '').length;

export function fastEntities(input: string, folded: string, language: Language): Entity[] {
  const out: Entity[] = [];
  for (const f of detectPhone(folded)) out.push(entityAt(input, 'phone', f.start, f.end, folded.slice(f.start, f.end)));
  for (const f of detectEmail(folded)) out.push(entityAt(input, 'email', f.start, f.end, folded.slice(f.start, f.end)));
  if (/www\.|https?:|\.(?:kr|com|net|org|gov)/i.test(folded)) {
    URL.lastIndex = 0;
    for (let m = URL.exec(folded); m; m = URL.exec(folded)) {
      const end = m.index + trimUrl(m[0]);
      out.push(entityAt(input, 'url', m.index, end, folded.slice(m.index, end)));
    }
  }
  // Korean numbers come with counters (3일, 30만원) that the date rules read; plain numbers
  // are only worth reporting for English text.
  if (language !== 'ko') {
    out.push(...matchEntities(input, folded, NUMBER, (m) => ({ type: 'number', value: Number(m[0].replace(/,/g, '')) })));
  }
  return out;
}
