// Redaction: what the store and the logs see instead of the citizen's personal data.
import type { Redaction } from '../types';
import { detectPii } from './detect';

/** `text` with each finding replaced by its tag (`[RRN]`, `[PHONE]`…); findings index `text`. */
export function redactPii(text: string): Redaction {
  const findings = detectPii(text);
  if (findings.length === 0) return { text, findings };
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + `[${f.type}]`;
    at = f.end;
  }
  return { text: out + text.slice(at), findings };
}

const MAX_DEPTH = 32;

/**
 * A copy of `value` safe to log: every string, at any depth, redacted. Plain objects and arrays
 * are copied, Errors become { name, message, stack } (messages quote input), cycles become
 * '[Circular]'. Other values (numbers, Dates, class instances) are returned as they are.
 */
export function redactForLog(value: unknown): unknown {
  return redactDeep(value, new WeakSet<object>(), 0);
}

function redactDeep(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactPii(value).text;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => redactDeep(v, seen, depth + 1));
    if (value instanceof Error) {
      return {
        name: value.name,
        message: redactPii(value.message).text,
        ...(value.stack ? { stack: redactPii(value.stack).text } : {}),
        ...(value.cause !== undefined ? { cause: redactDeep(value.cause, seen, depth + 1) } : {}),
      };
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, seen, depth + 1);
    return out;
  } finally {
    seen.delete(value);
  }
}
