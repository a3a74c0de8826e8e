// Facebook Page webhook: GET echoes hub.challenge for our verify token, POST verifies
// X-Hub-Signature-256 over the raw bytes, ingests every event (queued) and acks at once.
import { Router } from 'express';
import type { MessagePipeline } from '../../pipeline/types';
import { ingestAll } from '../shared/ingest';
import { parseJson, rawBody, rawBytes } from '../shared/raw-json';
import { answerError, rejectSignature, rejectWebhook } from '../shared/webhook-response';
import type { FacebookWebhookOptions } from './config';
import { parsePageEvents } from './parse';
import { checkMetaSignature, META_SIGNATURE_HEADER, verifySubscription } from './verify';

export function facebookWebhookRouter(options: FacebookWebhookOptions, pipeline: MessagePipeline): Router {
  const router = Router();
  const path = options.path ?? '/webhooks/facebook';

  router.get(path, (req, res) => {
    const challenge = verifySubscription(req.query as Record<string, unknown>, options.verifyToken);
    if (challenge === null) {
      rejectWebhook(res, 'SOTONG_ERR_FORBIDDEN', 'verify_token_mismatch', 'hub.mode=subscribe with our hub.verify_token is required');
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  });

  router.post(path, rawBody(), async (req, res, next) => {
    try {
      const raw = rawBytes(req);
      const check = checkMetaSignature(req.get(META_SIGNATURE_HEADER), options.appSecret, raw);
      if (check !== 'valid') return rejectSignature(res, check, META_SIGNATURE_HEADER);
      const delivery = parsePageEvents(parseJson(raw));
      const fromOthers = { ...delivery, messages: delivery.messages.filter((m) => m.userId !== options.pageId) };
      const summary = await ingestAll(pipeline, fromOthers, { enqueue: true });
      res.status(200).json({ received: summary.received, duplicates: summary.duplicates, rejected: summary.rejected });
    } catch (err) {
      answerError(res, err, next);
    }
  });
  return router;
}
