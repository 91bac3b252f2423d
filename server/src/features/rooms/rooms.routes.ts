/**
 * HTTP routes for rooms: discovery, creating a room, one room's summary. Everything live (entering,
 * seats, chat, audio signalling) goes over the WebSocket gateway (rooms.gateway.ts).
 */
import {
  CreateRoomInputSchema,
  PHOTO_MAX_UPLOAD_BYTES,
  ROOM_COVER_FIELD,
  RoomIdParamsSchema,
  RoomListQuerySchema,
  RoomListViewSchema,
  RoomSummaryViewSchema,
} from '@airtalk/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError, validationFailed } from '../../platform/http/errors.js';
import { multipartError } from '../../platform/http/multipart.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import type { Limiter } from '../../platform/security/rate-limiter.js';
import { requireAuth } from '../sessions/index.js';
import type { RoomsService } from './rooms.service.js';

const COVER_MULTIPART_OVERHEAD_BYTES = 16 * 1024;
const coverTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 413, 'A cover can be up to 10 MB.');

async function readCover(request: FastifyRequest): Promise<Buffer> {
  let bytes: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === ROOM_COVER_FIELD) bytes = await part.toBuffer();
      else {
        if (part.type === 'file') part.file.resume();
        throw validationFailed({ [part.fieldname]: 'field.unknown' });
      }
    }
  } catch (error) {
    throw multipartError(error, coverTooLarge, 'Send one file: the cover.');
  }
  if (bytes === null || bytes.length === 0) throw validationFailed({ [ROOM_COVER_FIELD]: 'field.required' });
  return bytes;
}

export function registerRoomRoutes(app: ZodApp, rooms: RoomsService, creations: Limiter): void {
  void app.register(async (scope: ZodApp) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: PHOTO_MAX_UPLOAD_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 50 },
    });
    scope.post(
      '/api/v1/rooms/:id/cover',
      {
        schema: { tags: ['rooms'], params: RoomIdParamsSchema, response: { 200: RoomSummaryViewSchema } },
        onRequest: (request, _reply, done) => {
          const declaredBytes = Number(request.headers['content-length'] ?? 0);
          done(declaredBytes > PHOTO_MAX_UPLOAD_BYTES + COVER_MULTIPART_OVERHEAD_BYTES ? coverTooLarge() : undefined);
        },
      },
      async (request) => {
        const userId = requireAuth(request).userId;
        return rooms.setCover(userId, request.params.id, await readCover(request));
      },
    );
  });

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
