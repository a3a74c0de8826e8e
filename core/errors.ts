// The one catalogue of error codes the HTTP API answers with. Every code has its status and a
// message in Korean and English; README.md documents each one (a test checks that it does).
// Response shape: { error: { code, message, details? } }.

import type { ZodError } from 'zod';

export type Lang = 'ko' | 'en';

interface ErrorSpec {
  readonly status: number;
  /** `{name}` placeholders are filled from the error's params. */
  readonly message: Readonly<Record<Lang, string>>;
}

export const ERROR_CATALOGUE = {
  SOTONG_ERR_VALIDATION: {
    status: 400,
    message: { ko: '요청 내용이 올바르지 않습니다: {reason}', en: 'The request is not valid: {reason}' },
  },
  SOTONG_ERR_UNAUTHORIZED: {
    status: 401,
    message: { ko: '인증이 필요합니다.', en: 'Authentication is required.' },
  },
  SOTONG_ERR_FORBIDDEN: {
    status: 403,
    message: { ko: '이 자료에 접근할 권한이 없습니다.', en: 'You may not access this resource.' },
  },
  SOTONG_ERR_NOT_FOUND: {
    status: 404,
    message: { ko: '찾을 수 없습니다: {what}', en: 'Not found: {what}' },
  },
  SOTONG_ERR_CONFLICT: {
    status: 409,
    message: { ko: '현재 상태와 충돌합니다: {reason}', en: 'Conflicts with the current state: {reason}' },
  },
  SOTONG_ERR_PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { ko: '요청 본문이 너무 큽니다 (최대 {limit}).', en: 'The request body is too large (at most {limit}).' },
  },
  SOTONG_ERR_UNSUPPORTED_MEDIA: {
    status: 415,
    message: {
      ko: '지원하지 않는 형식입니다. Content-Type: application/json 으로 보내 주세요.',
      en: 'Unsupported media type: send Content-Type: application/json.',
    },
  },
  SOTONG_ERR_RATE_LIMITED: {
    status: 429,
    message: {
      ko: '요청이 너무 많습니다. {retryAfter}초 후에 다시 시도해 주세요.',
      en: 'Too many requests. Try again in {retryAfter} s.',
    },
  },
  SOTONG_ERR_INTERNAL: {
    status: 500,
    message: {
      ko: '서버 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.',
      en: 'Something went wrong on our side. Please try again shortly.',
    },
  },
  SOTONG_ERR_OVERLOADED: {
    status: 503,
    message: {
      ko: '지금 문의가 몰려 잠시 받을 수 없습니다. {retryAfter}초 후에 다시 보내 주세요.',
      en: 'We are receiving too many messages right now. Please send yours again in {retryAfter} s.',
    },
  },
  SOTONG_ERR_UNAVAILABLE: {
    status: 503,
    message: { ko: '서비스를 준비하고 있습니다: {reason}', en: 'The service is not ready: {reason}' },
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export interface SotongErrorOptions {
  readonly params?: Readonly<Record<string, string | number>>;
  /** Machine-readable detail sent to the client, e.g. which fields failed validation. */
  readonly details?: unknown;
  readonly cause?: unknown;
}

export class SotongError extends Error {
  override name = 'SotongError';
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;
  readonly details?: unknown;

  constructor(
    readonly code: ErrorCode,
    options: SotongErrorOptions = {},
  ) {
    super(renderMessage(code, 'en', options.params ?? {}), { cause: options.cause });
    this.status = ERROR_CATALOGUE[code].status;
    this.params = options.params ?? {};
    this.details = options.details;
  }

  /** The message in the client's language. */
  messageIn(lang: Lang): string {
    return renderMessage(this.code, lang, this.params);
  }
}

export function renderMessage(code: ErrorCode, lang: Lang, params: Readonly<Record<string, string | number>>): string {
  return ERROR_CATALOGUE[code].message[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type DomainErrorKind = 'not_found' | 'conflict' | 'forbidden' | 'invalid';

/**
 * Why a domain service (handoff, training, accounts) refused an action, without knowing about
 * HTTP. `details` are machine-readable (the conflicting intent of a duplicate, the regressing
 * metrics of a refused publish) so the console can show them. The HTTP layer maps the kind
 * onto the catalogue with toSotongError.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** A DomainError as the catalogue's error: its message fills the code's placeholder. */
export function fromDomainError(error: DomainError): SotongError {
  const options = { details: error.details, cause: error };
  switch (error.kind) {
    case 'not_found':
      return new SotongError('SOTONG_ERR_NOT_FOUND', { ...options, params: { what: error.message } });
    case 'conflict':
      return new SotongError('SOTONG_ERR_CONFLICT', { ...options, params: { reason: error.message } });
    case 'forbidden':
      return new SotongError('SOTONG_ERR_FORBIDDEN', { ...options, details: error.details ?? { reason: error.message } });
    case 'invalid':
      return new SotongError('SOTONG_ERR_VALIDATION', { ...options, params: { reason: error.message } });
  }
}

/** A zod failure as SOTONG_ERR_VALIDATION, with each failing field in `details`. */
export function validationError(error: ZodError): SotongError {
  const details = error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  const reason = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new SotongError('SOTONG_ERR_VALIDATION', { params: { reason }, details, cause: error });
}

/** The JSON body every error response carries. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

export function errorBody(error: SotongError, lang: Lang): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.messageIn(lang),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** The catalogue as a Markdown table, for README.md (a test keeps the two identical). */
export function markdownErrorTable(): string {
  const rows = ERROR_CODES.map((code) => {
    const { status, message } = ERROR_CATALOGUE[code];
    return `| \`${code}\` | ${status} | ${message.ko} | ${message.en} |`;
  });
  return ['| Code | HTTP | 한국어 | English |', '|---|---|---|---|', ...rows].join('\n');
}
