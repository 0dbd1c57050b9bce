import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { AppError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from './metrics';
import { secondsSince } from './metrics';

/**
 * Times every request and counts it by route pattern once the response is sent; with
 * KILDE_LOG_LEVEL=debug, also one JSON log line per request carrying its request id.
 */
export function requestMetrics(metrics: Metrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = secondsSince(start);
      const route = routeOf(req);
      metrics.httpRequest(req.method, route, res.statusCode, seconds);
      logger.debug('request', { requestId: res.locals.requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
    next();
  };
}

/** The matched route's pattern (`/api/documents/:id`); never the raw path, which holds ids. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}`;
  if (req.path.startsWith('/static/')) return '/static/*';
  return 'unmatched';
}

/**
 * `GET /metrics` in Prometheus text format, for a scraper that sends
 * `Authorization: Bearer <KILDE_METRICS_TOKEN>`. Mounted before sign-in (the metrics token is not a
 * user's API token); without the token, or with a wrong one, it answers 401.
 */
export function metricsRoutes(metrics: Metrics, token: string): Router {
  const expected = digest(token);
  const r = Router();
  r.get('/metrics', async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const sent = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!sent || !timingSafeEqual(digest(sent), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="kilde-metrics"');
      return next(new AppError('unauthorized', 'Metrics need the metrics token: send "Authorization: Bearer <KILDE_METRICS_TOKEN>".'));
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return r;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
