/**
 * HTTP routes for profiles.
 */
import {
  MyProfileViewSchema,
  ProfileViewSchema,
  UpdateProfileInputSchema,
  UserIdParamsSchema,
} from '@airtalk/contracts';
import type { Clock } from '../../platform/clock.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { requireAuth } from '../sessions/index.js';
import { presentMyProfile, presentProfile } from './profiles.presenter.js';
import type { ProfilesService } from './profiles.service.js';

export function registerProfileRoutes(app: ZodApp, profiles: ProfilesService, clock: Clock): void {
  app.get(
    '/api/v1/me/profile',
    { schema: { tags: ['profiles'], response: { 200: MyProfileViewSchema } } },
    async (request) => presentMyProfile(await profiles.getOwn(requireAuth(request).userId), clock.nowMs()),
  );

  app.patch(
    '/api/v1/me/profile',
    { schema: { tags: ['profiles'], body: UpdateProfileInputSchema, response: { 200: MyProfileViewSchema } } },
    async (request) =>
      presentMyProfile(await profiles.update(requireAuth(request).userId, request.body), clock.nowMs()),
  );

  app.get(
    '/api/v1/users/:userId/profile',
    { schema: { tags: ['profiles'], params: UserIdParamsSchema, response: { 200: ProfileViewSchema } } },
    async (request) =>
      presentProfile(await profiles.view(requireAuth(request).userId, request.params.userId), clock.nowMs()),
  );
}
