// X Account Activity webhook: GET answers the CRC challenge, POST verifies the signature over the
// raw bytes, parses and ingests every event (queued), then acks at once.
import { Router, type RequestHandler } from 'express';
import type { MessagePipeline } from '../../pipeline/types';
import { ingestAll } from '../shared/ingest';
import { parseJson, rawBody, rawBytes } from '../shared/raw-json';
import { answerError, rejectSignature, rejectWebhook } from '../shared/webhook-response';
import type { XWebhookOptions } from './config';
import { parseXActivity } from './parse';
import { checkXSignature, crcResponse, isCrcToken, X_SIGNATURE_HEADER } from './verify';

export function xWebhookRouter(options: XWebhookOptions, pipeline: MessagePipeline): Router {
  const router = Router();
  const path = options.path ?? '/webhooks/x';

  const crcLimit: RequestHandler = options.crcLimit ?? ((_req, _res, next) => next());
  router.get(path, crcLimit, (req, res) => {
    const token = req.query['crc_token'];
    if (typeof token !== 'string' || token.length === 0) {
      rejectWebhook(res, 'SOTONG_ERR_VALIDATION', 'crc_token_missing', 'crc_token query parameter is required');
      return;
    }
    if (!isCrcToken(token)) {
      options.onRefusedCrc?.(`crc_token of ${String(token).length} characters outside the X token alphabet`);
      rejectWebhook(res, 'SOTONG_ERR_VALIDATION', 'crc_token_invalid', 'crc_token must be 1-128 characters of A-Z a-z 0-9 + / = _ . -');
      return;
    }
    res.status(200).json(crcResponse(options.consumerSecret, token));
  });

  router.post(path, rawBody(), async (req, res, next) => {
    try {
      const raw = rawBytes(req);
      const check = checkXSignature(req.get(X_SIGNATURE_HEADER), options.consumerSecret, raw);
      if (check !== 'valid') return rejectSignature(res, check, X_SIGNATURE_HEADER);
      const summary = await ingestAll(pipeline, parseXActivity(parseJson(raw), options.accountId), { enqueue: true });
      res.status(200).json({ received: summary.received, duplicates: summary.duplicates, rejected: summary.rejected });
    } catch (err) {
      answerError(res, err, next);
    }
  });
  return router;
}
