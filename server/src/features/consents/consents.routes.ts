/**
 * HTTP routes for the signed-in user's consents.
 */
import {
  ConsentListViewSchema,
  ConsentParamsSchema,
  ConsentViewSchema,
  PutConsentInputSchema,
} from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import { presentConsent } from './consents.presenter.js';
import type { ConsentsService } from './consents.service.js';

export function registerConsentRoutes(app: ZodApp, consents: ConsentsService): void {
  app.get(
    '/api/v1/me/consents',
    { schema: { tags: ['consents'], response: { 200: ConsentListViewSchema } } },
    async (request) => {
      const auth = requireAuth(request);
      return { consents: (await consents.list(auth.userId)).map(presentConsent) };
    },
  );

  app.put(
    '/api/v1/me/consents/:purpose',
    {
      schema: {
        tags: ['consents'],
        params: ConsentParamsSchema,
        body: PutConsentInputSchema,
        response: { 200: ConsentViewSchema },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const consent = await consents.set(auth.userId, request.params.purpose, request.body.granted, 'settings');
      return presentConsent(consent);
    },
  );
}
