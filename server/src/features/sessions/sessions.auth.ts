/**
 * Recognises the session cookie on every API request and gives routes `request.auth`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unauthenticated } from '../../platform/http/errors.js';
import { readSessionToken } from './sessions.cookies.js';
import type { AuthContext, SessionsService } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function registerAuthentication(app: FastifyInstance, sessions: SessionsService, production: boolean): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    request.auth = await sessions.authenticate(readSessionToken(request, production));
  });
}

/** The signed-in caller, or a 401. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}
