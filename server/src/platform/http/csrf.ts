/**
 * Cross-site request forgery guard for every state-changing request. Browsers say where a
 * request comes from (Sec-Fetch-Site, Origin); a cross-site one is refused. A client that sends
 * neither header is not a browser, and only a victim's browser can carry a forged request.
 * SameSite=Lax cookies are the second wall. See docs/adr/0004-csrf.md.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfRejected = () =>
  new AppError('CSRF_REJECTED', 403, 'This request came from another site and was refused.');

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * True when the request may change state (or open the chat socket): same origin, or not from a
 * browser at all.
 */
export function isSameOriginOrNonBrowser(headers: IncomingHttpHeaders, trustedOrigins: ReadonlySet<string>): boolean {
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'same-origin' || fetchSite === 'none') return true;
  const origin = headers.origin;
  if (origin === undefined) return fetchSite === undefined;
  if (trustedOrigins.has(origin)) return true;
  const host = headers.host;
  return host !== undefined && originHost(origin) === host;
}

export function registerCsrfGuard(app: FastifyInstance, publicUrl: string): void {
  const trustedOrigins = new Set([new URL(publicUrl).origin]);
  app.addHook('onRequest', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || isSameOriginOrNonBrowser(request.headers, trustedOrigins)) {
      done();
      return;
    }
    done(csrfRejected());
  });
}
