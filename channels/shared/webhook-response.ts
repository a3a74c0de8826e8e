// Uniform webhook error answers. Bodies never echo the payload (it may hold personal data).
import type { Response } from 'express';
import { InvalidInboundError } from '../../pipeline/ingest';
import { BadPayloadError } from './raw-json';
import type { SignatureCheck } from './hmac';

export function rejectSignature(res: Response, check: Exclude<SignatureCheck, 'valid'>, header: string): void {
  if (check === 'missing') res.status(401).json({ error: 'signature_missing', detail: `${header} header is required` });
  else res.status(403).json({ error: 'signature_invalid', detail: `${header} does not match the body` });
}

/** 400 for a bad payload or event; anything else is our fault (500) and goes to `next` for logging. */
export function answerError(res: Response, err: unknown, next: (err: unknown) => void): void {
  if (err instanceof BadPayloadError || err instanceof InvalidInboundError) res.status(400).json({ error: 'bad_payload', detail: err.message });
  else next(err);
}
