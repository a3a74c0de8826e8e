// Options for the X channel. Read from the environment by the server, never here.
import type { RequestHandler } from 'express';

export interface XWebhookOptions {
  /** App consumer secret: key for the CRC response token and the webhook signature. */
  readonly consumerSecret: string;
  /** Our account's numeric id as a string (`for_user_id`): the loop guard drops its own activity. */
  readonly accountId: string;
  /** Route path. Default '/webhooks/x'. */
  readonly path?: string;
  /** Told about every refused CRC request (a forgery attempt or a misconfigured caller). */
  readonly onRefusedCrc?: (reason: string) => void;
  /** Limits CRC requests (X sends about one an hour); the server passes its per-IP limiter. */
  readonly crcLimit?: RequestHandler;
}

export interface XApiOptions {
  /** User-context OAuth 1.0a tokens of our account (needed for DMs; app-only tokens cannot send them). */
  readonly appKey: string;
  readonly appSecret: string;
  readonly accessToken: string;
  readonly accessSecret: string;
  /** Default 'https://api.x.com'. Point at a fake in tests; twitter-api-v2 has no setting for it. */
  readonly apiBaseUrl?: string;
}

export interface XSenderOptions {
  /** A 429 whose reset is further away than this is not retried but sent to a person (ms). Default 20 min (X windows are 15). */
  readonly maxRetryDelayMs?: number;
  /** Weighted length limit of a public reply. Default 280. */
  readonly maxTweetWeight?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface XPollerOptions {
  readonly accountId: string;
  /** Page size, 5–100. Default 100. */
  readonly pageSize?: number;
  /** Pages followed per poll; X keeps only the newest 800 mentions. Default 8. */
  readonly maxPages?: number;
}
