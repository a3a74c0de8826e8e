// Uniform webhook error answers in the error catalogue's shape, { error: { code, message, details } },
// with a machine-readable `details.reason` (signature_missing, bad_payload, …) for the platform's
// logs. Bodies never echo the payload (it may hold personal data). Platforms read English.
import type { Response } from 'express';
import { errorBody, SotongError, type ErrorCode } from '../../core/errors';
import { InvalidInboundError } from '../../pipeline/ingest';
import { BadPayloadError } from './raw-json';
import type { SignatureCheck } from './hmac';

/** Answers with the catalogue's `code`; `detail` says what was wrong, never what was sent. */
export function rejectWebhook(res: Response, code: ErrorCode, reason: string, detail: string): void {
  const error =
    code === 'SOTONG_ERR_VALIDATION'
      ? new SotongError(code, { params: { reason: detail }, details: { reason } })
      : new SotongError(code, { details: { reason, detail } });
  res.status(error.status).json(errorBody(error, 'en'));
}

export function rejectSignature(res: Response, check: Exclude<SignatureCheck, 'valid'>, header: string): void {
  if (check === 'missing') rejectWebhook(res, 'SOTONG_ERR_UNAUTHORIZED', 'signature_missing', `${header} header is required`);
  else rejectWebhook(res, 'SOTONG_ERR_FORBIDDEN', 'signature_invalid', `${header} does not match the body`);
}

/** 400 for a bad payload or event; anything else is our fault (500) and goes to `next` for logging. */
export function answerError(res: Response, err: unknown, next: (err: unknown) => void): void {
  if (err instanceof BadPayloadError || err instanceof InvalidInboundError) rejectWebhook(res, 'SOTONG_ERR_VALIDATION', 'bad_payload', err.message);
  else next(err);
}
