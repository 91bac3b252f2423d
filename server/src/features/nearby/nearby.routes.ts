/**
 * HTTP routes for people nearby: my location and settings, the nearby list, recommendations.
 * Coordinates arrive in a request body and go no further than the service.
 */
import {
  MyLocationViewSchema,
  NearbyPageViewSchema,
  NearbyQuerySchema,
  NearbySettingsSchema,
  PutLocationInputSchema,
  RecommendationListViewSchema,
} from '@airtalk/contracts';
import type { Clock } from '../../platform/clock.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import {
  presentMyLocation,
  presentNearbyPerson,
  presentNearbySettings,
  presentRecommendation,
} from './nearby.presenter.js';
import type { NearbyService } from './nearby.service.js';

export function registerNearbyRoutes(app: ZodApp, nearby: NearbyService, clock: Clock): void {
  app.get(
    '/api/v1/me/location',
    { schema: { tags: ['nearby'], response: { 200: MyLocationViewSchema } } },
    async (request) => presentMyLocation(await nearby.myLocation(requireAuth(request).userId)),
  );

  app.put(
    '/api/v1/me/location',
    { schema: { tags: ['nearby'], body: PutLocationInputSchema, response: { 200: MyLocationViewSchema } } },
    async (request) =>
      presentMyLocation(await nearby.putLocation(requireAuth(request).userId, request.body, request.ip)),
  );

  app.delete('/api/v1/me/location', { schema: { tags: ['nearby'] } }, async (request, reply) => {
    await nearby.forgetLocation(requireAuth(request).userId);
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/me/nearby-settings',
    { schema: { tags: ['nearby'], response: { 200: NearbySettingsSchema } } },
    async (request) => presentNearbySettings(await nearby.settings(requireAuth(request).userId)),
  );

  app.put(
    '/api/v1/me/nearby-settings',
    { schema: { tags: ['nearby'], body: NearbySettingsSchema, response: { 200: NearbySettingsSchema } } },
    async (request) => presentNearbySettings(await nearby.updateSettings(requireAuth(request).userId, request.body)),
  );

  app.get(
    '/api/v1/nearby',
    { schema: { tags: ['nearby'], querystring: NearbyQuerySchema, response: { 200: NearbyPageViewSchema } } },
    async (request) => {
      const page = await nearby.nearby(requireAuth(request).userId, request.query, request.ip);
      const nowMs = clock.nowMs();
      return { people: page.people.map((person) => presentNearbyPerson(person, nowMs)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/recommendations',
    { schema: { tags: ['nearby'], response: { 200: RecommendationListViewSchema } } },
    async (request) => {
      const recommendations = await nearby.recommendations(requireAuth(request).userId, request.ip);
      const nowMs = clock.nowMs();
      return { recommendations: recommendations.map((item) => presentRecommendation(item, nowMs)) };
    },
  );
}
