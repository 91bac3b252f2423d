/**
 * HTTP routes for photos: upload (multipart), list and delete my photos, and the public media
 * path that serves stored files. Multipart is registered in a scope of its own, so only the upload
 * route reads it and every other route keeps JSON as its only body.
 */
import fastifyMultipart from '@fastify/multipart';
import {
  PHOTO_MAX_UPLOAD_BYTES,
  PhotoCaptionSchema,
  PhotoIdParamsSchema,
  PhotoListViewSchema,
  PhotoViewSchema,
} from '@airtalk/contracts';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound, validationFailed } from '../../platform/http/errors.js';
import { multipartError } from '../../platform/http/multipart.js';
import type { ZodApp } from '../../platform/http/zod-app.js';
import { isMediaKey, type MediaStorage } from '../../platform/storage/index.js';
import { requireAuth } from '../sessions/index.js';
import { photoMissing, photoTooLarge } from './photos.errors.js';
import { presentPhoto } from './photos.presenter.js';
import type { PhotosService, PhotoUpload } from './photos.service.js';

/** Room for part headers, boundaries and the caption around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** A caption is at most 140 characters of up to 4 UTF-8 bytes; anything longer is refused anyway. */
const CAPTION_FIELD_MAX_BYTES = 4 * 1024;
// Browsers keep a photo for a year (its bytes never change under a name), but no shared cache may:
// a photo deleted, or a page taken down, must stop being served by anything between us and people.
const MEDIA_CACHE_CONTROL = 'private, max-age=31536000, immutable';

const MediaKeyParamsSchema = z.strictObject({ key: z.string().refine(isMediaKey) });

/** Reads the parts: exactly one file named photo, and an optional caption field. */
async function readUpload(request: FastifyRequest): Promise<PhotoUpload> {
  let bytes: Buffer | null = null;
  let captionText: string | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'photo') bytes = await part.toBuffer();
      else if (part.type === 'field' && part.fieldname === 'caption' && typeof part.value === 'string')
        captionText = part.value;
      else {
        if (part.type === 'file') part.file.resume();
        throw validationFailed({ [part.fieldname]: 'field.unknown' });
      }
    }
  } catch (error) {
    throw multipartError(error, photoTooLarge, 'Send one file (photo) and at most a caption.');
  }
  if (bytes === null || bytes.length === 0) throw photoMissing();
  if (captionText === null) return { bytes, caption: null };
  const caption = PhotoCaptionSchema.safeParse(captionText);
  if (!caption.success) throw validationFailed({ caption: caption.error.issues[0]?.message ?? 'field.invalid' });
  return { bytes, caption: caption.data };
}

export function registerPhotoRoutes(app: ZodApp, photos: PhotosService, storage: MediaStorage): void {
  app.get(
    '/api/v1/me/photos',
    { schema: { tags: ['photos'], response: { 200: PhotoListViewSchema } } },
    async (request) => ({ photos: (await photos.list(requireAuth(request).userId)).map(presentPhoto) }),
  );

  app.delete(
    '/api/v1/me/photos/:id',
    { schema: { tags: ['photos'], params: PhotoIdParamsSchema } },
    async (request, reply) => {
      await photos.delete(requireAuth(request).userId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get('/media/:key', { schema: { tags: ['photos'], params: MediaKeyParamsSchema } }, async (request, reply) => {
    const media = await storage.read(request.params.key);
    if (!media) throw notFound('This media');
    return reply
      .header('Cache-Control', MEDIA_CACHE_CONTROL)
      .header('X-Content-Type-Options', 'nosniff')
      .type(media.contentType)
      .send(media.bytes);
  });

  void app.register(async (scope: ZodApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: PHOTO_MAX_UPLOAD_BYTES,
        files: 1,
        fields: 2,
        parts: 3,
        fieldSize: CAPTION_FIELD_MAX_BYTES,
        fieldNameSize: 100,
        headerPairs: 50,
      },
    });
    scope.post(
      '/api/v1/me/photos',
      {
        schema: { tags: ['photos'], response: { 201: PhotoViewSchema } },
        // A declared length beyond the cap is refused before a byte of the body is read.
        onRequest: (request, _reply, done) => {
          const declaredBytes = Number(request.headers['content-length'] ?? 0);
          done(declaredBytes > PHOTO_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES ? photoTooLarge() : undefined);
        },
      },
      async (request, reply) => {
        const userId = requireAuth(request).userId;
        const upload = await readUpload(request);
        return reply.code(201).send(presentPhoto(await photos.upload(userId, upload)));
      },
    );
  });
}
