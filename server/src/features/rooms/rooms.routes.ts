/**
 * HTTP routes for rooms: discovery, creating a room, one room's summary. Everything live (entering,
 * seats, chat, audio signalling) goes over the WebSocket gateway (rooms.gateway.ts).
 */
import {
  CreateRoomInputSchema,
  RoomIdParamsSchema,
  RoomListQuerySchema,
  RoomListViewSchema,
  RoomSummaryViewSchema,
} from '@airtalk/contracts';
import type { ZodApp } from '../../platform/http/zod-app.js';
import type { Limiter } from '../../platform/security/rate-limiter.js';
import { requireAuth } from '../sessions/index.js';
import type { RoomsService } from './rooms.service.js';

export function registerRoomRoutes(app: ZodApp, rooms: RoomsService, creations: Limiter): void {
  app.get(
    '/api/v1/rooms',
    { schema: { tags: ['rooms'], querystring: RoomListQuerySchema, response: { 200: RoomListViewSchema } } },
    async (request) => ({ rooms: await rooms.list(requireAuth(request).userId, request.query) }),
  );

  app.post(
    '/api/v1/rooms',
    { schema: { tags: ['rooms'], body: CreateRoomInputSchema, response: { 201: RoomSummaryViewSchema } } },
    async (request, reply) => {
      const userId = requireAuth(request).userId;
      await creations.consume(userId);
      return reply.code(201).send(await rooms.create(userId, request.body));
    },
  );

  app.get(
    '/api/v1/rooms/:id',
    { schema: { tags: ['rooms'], params: RoomIdParamsSchema, response: { 200: RoomSummaryViewSchema } } },
    async (request) => rooms.summary(requireAuth(request).userId, request.params.id),
  );
}
