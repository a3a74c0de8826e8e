// GET /healthz (the process is alive), GET /readyz (it can reach its database and job queue),
// GET /metrics (Prometheus text). Readiness checks time out so a hung database answers 503
// instead of hanging the probe.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { errorBody, SotongError } from '../core/errors';
import { METRICS_CONTENT_TYPE, type MetricsRegistry } from './metrics';
import { clientLanguage } from './middleware/error-handler';

export interface HealthCheck {
  ping(): Promise<boolean>;
}

export interface HealthChecks {
  readonly database: HealthCheck;
  readonly jobs: HealthCheck;
  /** Per check, in milliseconds. Default 2000. */
  readonly timeoutMs?: number;
}

type CheckResult = 'ok' | 'failed' | 'timeout';

/**
 * Who may read /metrics: with a token, callers presenting it as a bearer token; without one, only
 * a client on this machine talking to us directly (loopback, no proxy header), so a server behind
 * a public proxy does not publish its traffic figures.
 */
export function metricsAccess(token: string | undefined): (req: Request) => boolean {
  if (token) {
    const expected = createHash('sha256').update(token).digest();
    return (req) => {
      const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
      return timingSafeEqual(createHash('sha256').update(given).digest(), expected);
    };
  }
  return (req) => LOOPBACK.has(req.socket.remoteAddress ?? '') && req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined;
}
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function healthRoutes(checks: HealthChecks, metrics: MetricsRegistry, metricsToken?: string): Router {
  const mayReadMetrics = metricsAccess(metricsToken);
  const router = Router();
  const timeoutMs = checks.timeoutMs ?? 2000;

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (req, res) => {
    const [database, jobs] = await Promise.all([runCheck(checks.database, timeoutMs), runCheck(checks.jobs, timeoutMs)]);
    const results = { database, jobs };
    const failed = Object.entries(results).filter(([, result]) => result !== 'ok');
    if (failed.length === 0) {
      res.json({ status: 'ready', checks: results });
      return;
    }
    const reason = failed.map(([name, result]) => `${name} ${result}`).join(', ');
    const error = new SotongError('SOTONG_ERR_UNAVAILABLE', { params: { reason }, details: { checks: results } });
    res.status(503).json(errorBody(error, clientLanguage(req)));
  });

  router.get('/metrics', async (req, res) => {
    if (!mayReadMetrics(req)) throw new SotongError(metricsToken ? 'SOTONG_ERR_UNAUTHORIZED' : 'SOTONG_ERR_FORBIDDEN');
    const text = await metrics.render();
    res.type(METRICS_CONTENT_TYPE).send(text);
  });

  return router;
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const ping = check.ping().then(
      (ok): CheckResult => (ok ? 'ok' : 'failed'),
      (): CheckResult => 'failed',
    );
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
