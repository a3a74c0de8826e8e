// The express app factory: buildApp(deps, config) wires routes and middleware around already-built
// dependencies and returns the app without listening (only server/main.ts listens), so tests
// drive it on an ephemeral port with no globals.
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { webChatRoutes } from '../channels/web/routes';
import { webFeedbackRoutes } from '../channels/web/feedback-routes';
import type { FeedbackPort } from '../pipeline/feedback-port';
import type { EventStreams } from '../events/event-streams';
import type { AccessTokens } from '../channels/web/verify';
import type { ChannelId } from '../pipeline/channel';
import type { LiveEvents } from '../events/types';
import type { MessagePipeline } from '../pipeline/types';
import { healthRoutes, type HealthChecks } from './health-routes';
import type { TrustProxy } from './config';
import type { Logger } from '../core/logger';
import type { MetricsRegistry } from './metrics';
import { errorHandler, notFound, requireJson } from './middleware/error-handler';
import { rateLimit } from './middleware/rate-limit';
import type { LimitStore } from '../limits/types';
import { requestLog } from './middleware/request-log';
import { securityHeaders } from './middleware/security-headers';
import { staffPageRoutes } from './staff-pages';

export const PUBLIC_DIR = path.join(__dirname, 'public');
/**
 * The UI bundles `npm run build` writes: beside the pages when this runs from dist/, in dist/
 * when it runs from the TypeScript sources (tests), so every role serves the same built UI.
 */
export const UI_ASSETS_DIR = __filename.endsWith('.ts') ? path.join(__dirname, '..', 'dist', 'server', 'public', 'assets') : path.join(PUBLIC_DIR, 'assets');

/** A router someone else owns (handoff, trainer, auth…), mounted at `path` after the JSON parser. */
export interface RouteModule {
  readonly path: string;
  readonly router: Router;
}

export interface AppDeps {
  readonly logger: Logger;
  readonly metrics: MetricsRegistry;
  readonly health: HealthChecks;
  readonly pipeline: MessagePipeline;
  readonly events: LiveEvents;
  readonly tokens: AccessTokens;
  readonly streams: EventStreams;
  /** Where the web-chat rate limit counts (Redis across processes); default: this process. */
  readonly limits?: LimitStore;
  /**
   * Webhook routers of the enabled platform channels, mounted at /webhooks/<channel> before any
   * body parser: they verify signatures over the raw bytes themselves.
   */
  readonly webhooks?: Partial<Record<Exclude<ChannelId, 'web'>, Router>>;
  /** Citizen feedback (CSAT, "Was this helpful?"): the web chat's feedback routes, beside its messages. */
  readonly feedback?: FeedbackPort;
  /** Further API route modules (mount hook for the handoff and trainer routes). */
  readonly routes?: readonly RouteModule[];
  /** Load shedding (server/load-shedding.ts): counts webhooks in flight, sheds the web chat's POST. None: never shed. */
  readonly shedding?: { readonly countWebhook: RequestHandler; readonly shedWebChat: RequestHandler };
}

export interface AppConfig {
  /** Largest JSON body accepted, e.g. '64kb'; larger → 413. */
  readonly bodyLimit?: string;
  /** Web-chat messages per client IP per minute. */
  readonly webChatRateLimit?: number;
  /** Honour X-Forwarded-For from these proxies (a hop count or addresses / subnets): TRUST_PROXY. */
  readonly trustProxy?: TrustProxy;
  /** Bearer token for /metrics (METRICS_TOKEN); unset: /metrics answers loopback clients only. */
  readonly metricsToken?: string;
}

export const DEFAULT_BODY_LIMIT = '64kb';

export function buildApp(deps: AppDeps, config: AppConfig = {}): Express {
  const bodyLimit = config.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', Array.isArray(config.trustProxy) ? [...config.trustProxy] : (config.trustProxy ?? false));
  app.set('json spaces', 0);

  app.use(securityHeaders());
  app.use(requestLog(deps.logger.child({ component: 'http' })));
  app.use(healthRoutes(deps.health, deps.metrics, config.metricsToken));

  if (deps.shedding) app.use('/webhooks', deps.shedding.countWebhook);
  for (const [channel, router] of Object.entries(deps.webhooks ?? {})) {
    if (router) app.use(`/webhooks/${channel}`, router);
  }

  // JSON in, JSON out for the whole API; the size limit applies before anything is parsed.
  app.use('/api', requireJson, express.json({ limit: bodyLimit, strict: true }));
  // One limit for every citizen write (messages and ratings): a rating is a write like a message.
  const postLimit = rateLimit({
    name: 'web-chat',
    max: config.webChatRateLimit ?? 30,
    windowMs: 60_000,
    store: deps.limits,
    onStoreError: (error) => deps.logger.warn('rate limit store unavailable; web-chat limit not applied', { error }),
  });
  app.use(
    '/api/v1',
    webChatRoutes({
      pipeline: deps.pipeline,
      events: deps.events,
      tokens: deps.tokens,
      streams: deps.streams,
      ...(deps.shedding ? { shed: deps.shedding.shedWebChat } : {}),
      postLimit,
    }),
  );
  if (deps.feedback) app.use('/api/v1', webFeedbackRoutes({ feedback: deps.feedback, tokens: deps.tokens, postLimit }));
  for (const module of deps.routes ?? []) app.use(module.path, module.router);

  app.get('/', (_req, res) => res.redirect(302, '/chat.html'));
  app.use('/assets', express.static(UI_ASSETS_DIR, { index: false, fallthrough: true }));
  // The staff pages (/staff, /console, /studio, /dashboard, /admin, with or without `.html`) share one shell.
  app.use(staffPageRoutes());
  app.use(express.static(PUBLIC_DIR, { index: false, fallthrough: true, extensions: ['html'] }));

  app.use(notFound);
  app.use(errorHandler(deps.logger.child({ component: 'http' }), bodyLimit));
  return app;
}
