/**
 * HTTP routes for a user's own sessions: list, end one, end all.
 */
import { SessionIdParamsSchema, SessionListViewSchema } from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from './sessions.auth.js';
import { clearSessionCookie } from './sessions.cookies.js';
import { presentSession } from './sessions.presenter.js';
import type { SessionsService } from './sessions.service.js';

export function registerSessionRoutes(app: ZodApp, sessions: SessionsService, production: boolean): void {
  app.get(
    '/api/v1/me/sessions',
    { schema: { tags: ['sessions'], response: { 200: SessionListViewSchema } } },
    async (request) => {
      const auth = requireAuth(request);
      const list = await sessions.list(auth.userId);
      return { sessions: list.map((session) => presentSession(session, auth.sessionId)) };
    },
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    { schema: { tags: ['sessions'], params: SessionIdParamsSchema } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await sessions.revoke(auth, request.params.id);
      if (request.params.id === auth.sessionId) clearSessionCookie(reply, production);
      return reply.code(204).send();
    },
  );

  app.delete('/api/v1/me/sessions', { schema: { tags: ['sessions'] } }, async (request, reply) => {
    const auth = requireAuth(request);
    await sessions.revokeAll(auth.userId);
    clearSessionCookie(reply, production);
    return reply.code(204).send();
  });
}
