/**
 * Recognises the session cookie on every API request and gives routes `request.auth`.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthenticated } from '../../platform/http/errors.js';
import { readSessionToken, sessionCookieName, setSessionCookie, type CookieSettings } from './sessions.cookies.js';
import type { AuthContext, SessionsService } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function registerAuthentication(app: FastifyInstance, sessions: SessionsService, cookies: CookieSettings): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const token = readSessionToken(request, cookies.production);
    const session = await sessions.authenticate(token);
    if (!session || !token) return;
    request.auth = { userId: session.userId, sessionId: session.sessionId };
    // The server slides the idle expiry on use; the browser's copy of the cookie must slide too.
    if (session.renewed) setSessionCookie(reply, token, cookies);
  });
}

/** The signed-in caller, or a 401. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

/**
 * Authenticates a WebSocket handshake by the same session cookie; the handshake is a plain HTTP
 * request that never reaches Fastify's routes, so its cookie header is parsed here.
 */
export function handshakeAuthenticator(
  app: FastifyInstance,
  sessions: SessionsService,
  production: boolean,
): (request: IncomingMessage) => Promise<AuthContext | null> {
  const name = sessionCookieName(production);
  return async (request) => {
    const token = app.parseCookie(request.headers.cookie ?? '')[name];
    const session = await sessions.authenticate(token);
    return session ? { userId: session.userId, sessionId: session.sessionId } : null;
  };
}
