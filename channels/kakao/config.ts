// Options for the KakaoTalk Open Builder skill. Read from the environment by the server.

export interface KakaoSkillOptions {
  /** Shared secret sent by our skill configuration in the X-Sotong-Skill-Secret header. */
  readonly skillSecret: string;
  /** When set, requests for another bot id are refused (403). */
  readonly botId?: string;
  /** Route path. Default '/webhooks/kakao'. */
  readonly path?: string;
  /** How long to wait for triage before falling back to the callback (ms). Kakao allows 5 s. Default 3500. */
  readonly deadlineMs?: number;
  /** How long a callbackUrl may be used after the request (ms). Kakao allows 1 min. Default 55 000. */
  readonly callbackTtlMs?: number;
  /** Image for the link card; Kakao's basicCard shows a thumbnail when given one. */
  readonly cardThumbnailUrl?: string;
  readonly now?: () => number;
  /** Where callbackUrl may point (callback-hosts.ts). Default: https to *.kakao.com, *.kakaoenterprise.com. */
  readonly callbackHosts?: readonly string[];
  /** Told (with the URL's origin only) about each request refused for its callbackUrl. */
  readonly onRefusedCallback?: (origin: string) => void;
  /** Errors of background callback deliveries (never message text). Default: console.error. */
  readonly onBackgroundError?: (err: unknown) => void;
}

export interface KakaoSenderOptions {
  /** Per-request timeout (ms). Default 10 000. */
  readonly timeoutMs?: number;
  readonly cardThumbnailUrl?: string;
  readonly now?: () => number;
  /** Where a stored callbackUrl may point (callback-hosts.ts); checked again before each POST. */
  readonly callbackHosts?: readonly string[];
}
