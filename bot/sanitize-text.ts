// The one text normaliser at the edge. Every channel's text, and every agent or trainer input,
// passes here before it is stored: PostgreSQL refuses U+0000 in text ("invalid byte sequence for
// encoding UTF8: 0x00"), which turned one citizen's message into a 500 retried forever, and
// control characters and lone surrogates have no business in a transcript either.
// Pure: no I/O. PII detection folds its own copy (bot/pii/fold-width.ts); this runs before it.

// C0 controls except tab (U+0009) and newline (U+000A), and DEL. A carriage return becomes a
// newline first, so Windows line ends survive as line ends.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '').replace(LONE_SURROGATES, '').normalize('NFC');
}

/** The marker appended to a text cut to a length limit, in both languages. */
export const TRUNCATION_MARKER = ' …[이하 생략 / truncated]';

/** Cuts `text` to at most `max` UTF-16 units, marker included, never inside a surrogate pair. */
export function truncateWithMarker(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - TRUNCATION_MARKER.length;
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + TRUNCATION_MARKER;
}

/**
 * sanitizeText over every string in a plain value (objects, arrays), keeping everything else
 * (Dates, numbers) as is. For platform ids, names and reply targets: a NUL in any of them fails
 * the INSERT just like one in the text.
 */
export function sanitizeStrings<T>(value: T): T {
  if (typeof value === 'string') return sanitizeText(value) as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeStrings(v)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [sanitizeText(k), sanitizeStrings(v)])) as T;
  }
  return value;
}
