// Turns anything thrown in a route into the catalogue's response shape,
// { error: { code, message, details? } }, in the client's language (Korean unless it prefers
// English). Unexpected errors are logged (redacted by the logger) and answered as INTERNAL.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { DomainError, errorBody, fromDomainError, SotongError, validationError, type Lang } from '../../core/errors';
import type { Logger } from '../../core/logger';

export function clientLanguage(req: Request): Lang {
  return req.acceptsLanguages('ko', 'en') === 'en' ? 'en' : 'ko';
}

/** Maps body-parser, zod and our own errors onto the catalogue. */
export function toSotongError(error: unknown, bodyLimit: string): SotongError {
  if (error instanceof SotongError) return error;
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof ZodError) return validationError(error);
  const http = error as { type?: unknown; status?: unknown };
  switch (http.type) {
    case 'entity.too.large':
      return new SotongError('SOTONG_ERR_PAYLOAD_TOO_LARGE', { params: { limit: bodyLimit }, cause: error });
    case 'entity.parse.failed':
      return new SotongError('SOTONG_ERR_VALIDATION', { params: { reason: 'the body is not valid JSON' }, cause: error });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new SotongError('SOTONG_ERR_UNSUPPORTED_MEDIA', { cause: error });
    default:
      return new SotongError('SOTONG_ERR_INTERNAL', { cause: error });
  }
}

/** A zod failure as a 400 naming each field: `text: too long (at most 4000 characters)`. */
export function errorHandler(logger: Logger, bodyLimit: string): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const mapped = toSotongError(error, bodyLimit);
    if (mapped.status >= 500) logger.error('unhandled error', { path: req.path, error });
    res.status(mapped.status).json(errorBody(mapped, clientLanguage(req)));
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: `${req.method} ${req.path}` } }));
};

/** 415 unless a request with a body says it is JSON. */
export const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is('application/json')) {
    next(new SotongError('SOTONG_ERR_UNSUPPORTED_MEDIA', { details: { contentType: req.headers['content-type'] ?? null } }));
    return;
  }
  next();
};
