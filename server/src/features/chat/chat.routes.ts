/**
 * HTTP routes for chat: conversations, history pages, sending (the socket's fallback), recall,
 * delete for me, and private chat media. Live delivery is the gateway's (chat.gateway.ts).
 */
import fastifyMultipart from '@fastify/multipart';
import {
  CHAT_UPLOAD_FILE_FIELD,
  ChatMediaIdParamsSchema,
  ChatMediaViewSchema,
  ConversationIdParamsSchema,
  ConversationListViewSchema,
  ConversationViewSchema,
  MessageHistoryQuerySchema,
  MessageIdParamsSchema,
  MessagePageViewSchema,
  MessageViewSchema,
  PHOTO_MAX_UPLOAD_BYTES,
  SendEventSchema,
  StartConversationInputSchema,
  VoiceDurationFieldSchema,
} from '@airtalk/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, validationFailed } from '../../platform/http/errors.js';
import { multipartError } from '../../platform/http/multipart.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import type { Limiter } from '../../platform/security/rate-limiter.js';
import { sniffImageType } from '../photos/index.js';
import { requireAuth } from '../sessions/index.js';
import type { ChatService } from './chat.service.js';

const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const CHAT_MEDIA_CACHE_CONTROL = 'private, max-age=31536000, immutable';

/** The HTTP send takes the socket's send event without its framing fields. */
const SendBodySchema = z.union([
  SendEventSchema.options[0].omit({ type: true, ref: true, conversationId: true }),
  SendEventSchema.options[1].omit({ type: true, ref: true, conversationId: true }),
]);

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', 413, 'Images can be up to 10 MB, voice messages 2 MB.');

async function readChatUpload(request: FastifyRequest): Promise<{ bytes: Buffer; durationText: string | null }> {
  let bytes: Buffer | null = null;
  let durationText: string | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === CHAT_UPLOAD_FILE_FIELD) bytes = await part.toBuffer();
      else if (part.type === 'field' && part.fieldname === 'durationMs' && typeof part.value === 'string') {
        durationText = part.value;
      } else {
        if (part.type === 'file') part.file.resume();
        throw validationFailed({ [part.fieldname]: 'field.unknown' });
      }
    }
  } catch (error) {
    throw multipartError(error, tooLarge, 'Send one file and at most its duration.');
  }
  if (bytes === null || bytes.length === 0) throw validationFailed({ [CHAT_UPLOAD_FILE_FIELD]: 'field.required' });
  return { bytes, durationText };
}

export interface ChatRouteLimits {
  httpSends: Limiter;
  uploads: Limiter;
}

/** The byte range a media request asks for, or null for the whole file (or a range we do not serve). */
export function parseByteRange(header: string | undefined, sizeBytes: number): { start: number; end: number } | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '') || sizeBytes === 0) return null;
  if (match[1] === '') {
    const suffixBytes = Math.min(Number(match[2]), sizeBytes);
    return suffixBytes === 0 ? null : { start: sizeBytes - suffixBytes, end: sizeBytes - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? sizeBytes - 1 : Math.min(Number(match[2]), sizeBytes - 1);
  return start <= end && start < sizeBytes ? { start, end } : null;
}

export function registerChatRoutes(app: ZodApp, chat: ChatService, limits: ChatRouteLimits): void {
  app.get(
    '/api/v1/conversations',
    { schema: { tags: ['chat'], response: { 200: ConversationListViewSchema } } },
    async (request) => chat.list(requireAuth(request).userId),
  );

  app.post(
    '/api/v1/conversations',
    {
      schema: {
        tags: ['chat'],
        body: StartConversationInputSchema,
        response: { 200: ConversationViewSchema, 201: ConversationViewSchema },
      },
    },
    async (request, reply) => {
      const { conversation, created } = await chat.start(requireAuth(request).userId, request.body.userId);
      return reply.code(created ? 201 : 200).send(conversation);
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    { schema: { tags: ['chat'], params: ConversationIdParamsSchema, response: { 200: ConversationViewSchema } } },
    async (request) => chat.get(requireAuth(request).userId, request.params.id),
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        params: ConversationIdParamsSchema,
        querystring: MessageHistoryQuerySchema,
        response: { 200: MessagePageViewSchema },
      },
    },
    async (request) => chat.history(requireAuth(request).userId, request.params.id, request.query),
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags: ['chat'],
        params: ConversationIdParamsSchema,
        body: SendBodySchema,
        response: { 201: MessageViewSchema },
      },
    },
    async (request, reply) => {
      const userId = requireAuth(request).userId;
      await limits.httpSends.consume(userId);
      const message = await chat.send(userId, {
        ...request.body,
        conversationId: request.params.id,
      });
      return reply.code(201).send(message);
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages/:messageId/recall',
    { schema: { tags: ['chat'], params: MessageIdParamsSchema, response: { 200: MessageViewSchema } } },
    async (request) => chat.recall(requireAuth(request).userId, request.params.id, request.params.messageId),
  );

  app.delete(
    '/api/v1/conversations/:id/messages/:messageId',
    { schema: { tags: ['chat'], params: MessageIdParamsSchema } },
    async (request, reply) => {
      await chat.hide(requireAuth(request).userId, request.params.id, request.params.messageId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/chat/media/:id',
    { schema: { tags: ['chat'], params: ChatMediaIdParamsSchema } },
    async (request, reply) => {
      const media = await chat.readMedia(requireAuth(request).userId, request.params.id);
      void reply
        .header('Cache-Control', CHAT_MEDIA_CACHE_CONTROL)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Accept-Ranges', 'bytes')
        .type(media.contentType);
      // Safari plays audio only from servers that answer byte ranges.
      const range = parseByteRange(request.headers.range, media.bytes.length);
      if (!range) return reply.send(media.bytes);
      return reply
        .code(206)
        .header('Content-Range', `bytes ${range.start}-${range.end}/${media.bytes.length}`)
        .send(media.bytes.subarray(range.start, range.end + 1));
    },
  );

  void app.register(async (scope: ZodApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: PHOTO_MAX_UPLOAD_BYTES,
        files: 1,
        fields: 1,
        parts: 2,
        fieldSize: 32,
        fieldNameSize: 100,
        headerPairs: 50,
      },
    });
    scope.post(
      '/api/v1/chat/media',
      {
        schema: { tags: ['chat'], response: { 201: ChatMediaViewSchema } },
        onRequest: (request, _reply, done) => {
          const declaredBytes = Number(request.headers['content-length'] ?? 0);
          done(declaredBytes > PHOTO_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES ? tooLarge() : undefined);
        },
      },
      async (request, reply) => {
        const userId = requireAuth(request).userId;
        await limits.uploads.consume(userId);
        const { bytes, durationText } = await readChatUpload(request);
        if (sniffImageType(bytes) !== null) {
          if (durationText !== null) throw validationFailed({ durationMs: 'field.unknown' });
          return reply.code(201).send(await chat.uploadImage(userId, bytes));
        }
        const duration = VoiceDurationFieldSchema.safeParse(durationText ?? undefined);
        if (!duration.success) {
          throw validationFailed({ durationMs: duration.error.issues[0]?.message ?? 'field.invalid' });
        }
        return reply.code(201).send(await chat.uploadVoice(userId, { bytes, durationMs: duration.data }));
      },
    );
  });
}
