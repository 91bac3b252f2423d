/**
 * Security headers on every response. Pages get helmet's full set (CSP, nosniff, frame, opener
 * and referrer policies, HSTS in production), worked out once at start: per request, helmet would
 * re-parse its whole configuration. API answers get the short set OWASP's REST cheat sheet names
 * (a document-less CSP, nosniff, no framing, HSTS) and `Cache-Control: no-store` unless the route
 * chose otherwise, so personal data is never kept by a browser or proxy cache.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function securityHeaders(production: boolean): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    strictTransportSecurity: production,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      Reflect.deleteProperty(headers, name.toLowerCase());
    },
  };
  // Helmet reads nothing from the request; it only sets headers on the response.
  const request = Object.create(null) as IncomingMessage;
  middleware(request, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

export function apiSecurityHeaders(production: boolean): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(production ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

function isApiAnswer(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/dev/mail.json') || url === '/healthz' || url === '/metrics';
}

export function registerSecurityHeaders(app: FastifyInstance, production: boolean): void {
  const pageHeaders = securityHeaders(production);
  const apiHeaders = apiSecurityHeaders(production);
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isApiAnswer(request.url)) {
      void reply.headers(apiHeaders);
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    } else {
      void reply.headers(pageHeaders);
    }
    done(null, payload);
  });
}
