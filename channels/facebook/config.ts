// Options for the Facebook Page / Messenger channel. Read from the environment by the server.

export interface FacebookWebhookOptions {
  /** App secret: key of X-Hub-Signature-256. */
  readonly appSecret: string;
  /** Our verify token for the GET subscription handshake. */
  readonly verifyToken: string;
  /** Our Page id: comments from it are our own replies and are dropped. */
  readonly pageId: string;
  /** Route path. Default '/webhooks/facebook'. */
  readonly path?: string;
}

export interface FacebookSenderOptions {
  readonly pageAccessToken: string;
  /** Default 'https://graph.facebook.com'. */
  readonly graphBaseUrl?: string;
  /** Graph API version. Default 'v21.0'. */
  readonly graphVersion?: string;
  /** Per-request timeout (ms). Default 10 000. */
  readonly timeoutMs?: number;
  /** Wait after a rate limit that gives no hint (ms). Default 60 000. */
  readonly defaultRateLimitDelayMs?: number;
  readonly now?: () => number;
}
