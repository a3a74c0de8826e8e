// Kakao Open Builder skill endpoint. Kakao waits 5 s and sends no retries, so the message is
// triaged inline: ingest without queueing, processInbound under a deadline, claim the reply from
// the outbox (so the outbound job does not send it again) and answer in the HTTP response.
// Past the deadline, a callback-enabled block gets `useCallback` now and the reply later.
import { Router } from 'express';
import type { MessagePipeline, ProcessedInbound } from '../../pipeline/types';
import { parseJson, rawBody, rawBytes } from '../shared/raw-json';
import { answerError, rejectSignature, rejectWebhook } from '../shared/webhook-response';
import type { OutboundReply } from '../../pipeline/channel';
import type { KakaoSkillOptions } from './config';
import { parseSkillRequest, type SkillRequest } from './parse';
import { postCallback } from './send';
import { isAllowedCallback } from './callback-hosts';
import { redactUrl } from '../shared/http-json';
import { callbackAck, holdingResponse, skillResponse, type SkillResponse } from './skill-response';
import { checkSkillSecret, KAKAO_SECRET_HEADER } from './verify';

const HANDOFF_ACTIONS = new Set(['handoff', 'urgent']);
const CALLBACK_TIMEOUT_MS = 10_000;

/** Resolves to the value, or to `undefined` once `ms` have passed (the work keeps running). */
function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function kakaoSkillRouter(options: KakaoSkillOptions, pipeline: MessagePipeline): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  const onBackgroundError = options.onBackgroundError ?? ((err: unknown) => console.error(`kakao: callback delivery failed: ${(err as Error).message}`));

  /** Claims this message's outbox rows; null when the outbound job already took them all. */
  async function claimResponse(processed: ProcessedInbound, request: SkillRequest): Promise<SkillResponse | null> {
    const claimed = await Promise.all(processed.outboxIds.map((id) => pipeline.takeOutboxForInlineDelivery(id)));
    const replies = claimed.filter((r): r is OutboundReply => r !== null);
    if (replies.length === 0 && processed.outboxIds.length > 0) return null;
    const handoff = processed.ticketId !== undefined || HANDOFF_ACTIONS.has(processed.decision?.action ?? '');
    return skillResponse(replies, {
      handoff,
      lang: request.lang,
      ...(options.cardThumbnailUrl ? { thumbnailUrl: options.cardThumbnailUrl } : {}),
    });
  }

  async function deliverByCallback(processed: ProcessedInbound, request: SkillRequest, url: string): Promise<void> {
    const body = await claimResponse(processed, request);
    if (body) await postCallback(url, body, CALLBACK_TIMEOUT_MS);
  }

  router.post(options.path ?? '/webhooks/kakao', rawBody(), async (req, res, next) => {
    try {
      const check = checkSkillSecret(req.get(KAKAO_SECRET_HEADER), options.skillSecret);
      if (check !== 'valid') return rejectSignature(res, check, KAKAO_SECRET_HEADER);
      const request = parseSkillRequest(parseJson(rawBytes(req)), new Date(now()), options.callbackTtlMs ?? 55_000);
      if (request.callbackUrl && !isAllowedCallback(request.callbackUrl, options.callbackHosts)) {
        options.onRefusedCallback?.(redactUrl(request.callbackUrl));
        res.status(400).json({ error: 'callback_url_not_allowed', detail: 'userRequest.callbackUrl must be https on a Kakao callback host' });
        return;
      }
      if (options.botId !== undefined && request.botId !== options.botId) {
        rejectWebhook(res, 'SOTONG_ERR_FORBIDDEN', 'bot_mismatch', 'bot.id is not the configured Kakao bot');
        return;
      }
      // The deadline covers storing too: Kakao's 5 s start when it sends, not when triage starts.
      const work = (async () => {
        const ingested = await pipeline.ingest(request.message, { enqueue: false });
        // Idempotent: a repeated request gets the first request's result.
        return { duplicate: ingested.duplicate, processed: await pipeline.processInbound(ingested.messageId) };
      })();
      const done = await withinDeadline(work, options.deadlineMs ?? 3500);

      if (done === undefined) {
        if (!request.callbackUrl) {
          work.catch(onBackgroundError); // Still stored and triaged; the outbox keeps the reply.
          res.status(200).json(holdingResponse('slow', request.lang));
          return;
        }
        res.status(200).json(callbackAck(request.lang));
        const url = request.callbackUrl;
        work.then(({ processed }) => deliverByCallback(processed, request, url)).catch(onBackgroundError);
        return;
      }
      const { duplicate, processed } = done;
      const body = await claimResponse(processed, request);
      // Null: the reply was taken already. For a new message that was the outbound job, which
      // sends it through the callback; for a repeated request, the first answer carried it.
      if (body) res.status(200).json(body);
      else if (request.callbackUrl && !duplicate) res.status(200).json(callbackAck(request.lang));
      else res.status(200).json(holdingResponse('received', request.lang));
    } catch (err) {
      answerError(res, err, next);
    }
  });
  return router;
}
