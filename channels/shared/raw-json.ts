// Webhook bodies must be verified byte for byte before they are parsed, so the routes receive the
// raw Buffer (express.raw) and parse JSON themselves.
import express, { type RequestHandler, type Request } from 'express';

/** Captures the body as a Buffer for every content type. Mount before any JSON body parser. */
export function rawBody(limit = '1mb'): RequestHandler {
  return express.raw({ type: () => true, limit });
}

export class BadPayloadError extends Error {
  override name = 'BadPayloadError';
}

/** The raw bytes of a request handled by `rawBody()`, or a clear error if a JSON parser ran first. */
export function rawBytes(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.body === undefined) return Buffer.alloc(0);
  throw new Error('webhook raw body unavailable: a JSON body parser ran before the channel router; mount channel routers first');
}

/** JSON.parse with a 400-worthy error instead of a SyntaxError deep in a handler. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) throw new BadPayloadError('empty body');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new BadPayloadError(`body is not valid JSON: ${(err as Error).message}`);
  }
}
