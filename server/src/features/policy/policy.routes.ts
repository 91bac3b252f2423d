/**
 * GET /api/v1/policy: the current privacy policy in the asked or preferred language.
 */
import { pickLanguage, PolicyQuerySchema, PolicyViewSchema } from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import type { PolicyService } from './policy.service.js';

export function registerPolicyRoutes(app: ZodApp, policy: PolicyService): void {
  app.get(
    '/api/v1/policy',
    { schema: { tags: ['policy'], querystring: PolicyQuerySchema, response: { 200: PolicyViewSchema } } },
    async (request, reply) => {
      const language = request.query.lang ?? pickLanguage(request.headers['accept-language']);
      void reply.header('Cache-Control', 'public, max-age=300').header('Vary', 'Accept-Language');
      return policy.view(language);
    },
  );
}
