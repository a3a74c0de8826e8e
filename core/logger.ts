// Structured logs: one JSON object per line on stdout. Every string that reaches a line — the
// message, field values at any depth, error messages and stacks — goes through the injected PII
// redactor first, so a citizen's phone or resident registration number never lands in the logs.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line (e.g. { component: 'web-chat' }). */
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Replaces PII in one string (bot/pii's redactor). */
  readonly redact: (text: string) => string;
  /** Where lines go; stdout by default. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
// Deep or cyclic values are cut off rather than walked forever.
const MAX_DEPTH = 6;

export function createLogger(options: LoggerOptions, bindings: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const threshold = SEVERITY[options.level];

  const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (SEVERITY[level] < threshold) return;
    const entry = { time: now().toISOString(), level, ...bindings, ...fields, msg: message };
    write(`${JSON.stringify(sanitize(entry, options.redact, 0, new WeakSet()))}\n`);
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (more) => createLogger(options, { ...bindings, ...more }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: 'silent', redact: (text) => text });

function sanitize(value: unknown, redact: (text: string) => string, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return sanitizeError(value, redact, depth, seen);
  if (Array.isArray(value)) return value.map((item) => sanitize(item, redact, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = sanitize(item, redact, depth + 1, seen);
  return out;
}

function sanitizeError(error: Error, redact: (text: string) => string, depth: number, seen: WeakSet<object>): unknown {
  const extra = error as Error & { code?: unknown; cause?: unknown };
  return {
    name: error.name,
    message: redact(error.message),
    ...(extra.code === undefined ? {} : { code: sanitize(extra.code, redact, depth + 1, seen) }),
    ...(error.stack === undefined ? {} : { stack: redact(error.stack) }),
    ...(extra.cause === undefined ? {} : { cause: sanitize(extra.cause, redact, depth + 1, seen) }),
  };
}
