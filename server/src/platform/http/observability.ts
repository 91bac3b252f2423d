/**
 * One structured log line and one metric sample per request, with only what the privacy policy
 * names: route, time, status, browser and OS, language, coarse IP. Never bodies, cookies or tokens.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { describeRequest } from '../logging/request-meta.js';
import { AppError } from './errors.js';

/**
 * Returns the registry, so parts that are not requests (the chat socket) add their metrics to it.
 * `metricsToken`: when set, /metrics answers only `Authorization: Bearer <token>`; in production
 * without a token it is not served at all, since request counts by route are operational data.
 */
export function registerObservability(
  app: FastifyInstance,
  options: { metricsToken?: string; production: boolean },
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });

  // The access line is built from an allowlist of harmless fields, so it skips the logger's
  // redaction, which would cost more than the rest of a small request.
  const accessLog = app.log.child({}, { redact: { paths: [] } });

  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: ids and tokens in paths stay out of logs and labels.
    const route = request.routeOptions.url ?? 'unmatched';
    const durationMs = reply.elapsedTime;
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, durationMs / 1000);
    const meta = describeRequest(request.headers['user-agent'], request.headers['accept-language'], request.ip);
    accessLog.info(
      {
        reqId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        durationMs: Math.round(durationMs * 10) / 10,
        browser: meta.browser,
        os: meta.os,
        language: meta.language,
        coarseIp: meta.coarseIp,
      },
      'request',
    );
    done();
  });

  if (options.production && !options.metricsToken) return registry;
  const expected = options.metricsToken ? `Bearer ${options.metricsToken}` : undefined;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (expected !== undefined && request.headers.authorization !== expected) {
      throw new AppError('UNAUTHENTICATED', 401, 'Metrics need the metrics token.');
    }
    void reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
