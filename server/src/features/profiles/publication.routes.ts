/**
 * Publishing a profile: my settings, the public JSON and the public page. Nothing public is cached
 * by anyone (no-store), so taking a page down is effective at once.
 */
import {
  HandleParamsSchema,
  pickLanguage,
  PublicationInputSchema,
  PublicationViewSchema,
  PublicProfileViewSchema,
} from '@airtalk/contracts';
import { AppError } from '../../platform/http/errors.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import type { PublicationService } from './publication.service.js';
import { renderMissingPage, renderPublicPage } from './public-page.js';

export function registerPublicationRoutes(app: ZodApp, publications: PublicationService, publicUrl: string): void {
  app.get(
    '/api/v1/me/publication',
    { schema: { tags: ['profiles'], response: { 200: PublicationViewSchema } } },
    async (request) => publications.get(requireAuth(request).userId),
  );

  app.put(
    '/api/v1/me/publication',
    { schema: { tags: ['profiles'], body: PublicationInputSchema, response: { 200: PublicationViewSchema } } },
    async (request) => publications.set(requireAuth(request).userId, request.body),
  );

  app.get(
    '/api/v1/public/profiles/:handle',
    { schema: { tags: ['profiles'], params: HandleParamsSchema, response: { 200: PublicProfileViewSchema } } },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return publications.publicProfile(request.params.handle);
    },
  );

  app.get('/u/:handle', { schema: { hide: true, params: HandleParamsSchema } }, async (request, reply) => {
    const language = pickLanguage(request.headers['accept-language']);
    void reply.header('cache-control', 'no-store').header('vary', 'Accept-Language').type('text/html; charset=utf-8');
    try {
      const view = await publications.publicProfile(request.params.handle);
      return await reply.send(renderPublicPage(view, language, `${publicUrl}/u/${view.handle}`));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND')
        return reply.code(404).send(renderMissingPage(language));
      throw error;
    }
  });
}
