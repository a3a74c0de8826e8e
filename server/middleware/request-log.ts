// One log line per request when it finishes. The query string is never logged: the web chat's
// event stream carries its access token there (EventSource cannot set headers).
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../core/logger';

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = randomUUID();
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // originalUrl, not path: routers mounted under a prefix see only their own part of the path.
      const fields = { requestId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error('request failed', fields);
      else logger.info('request', fields);
    });
    next();
  };
}
