/**
 * Profile photos: the limits a client can check before uploading, and the views that leave the
 * server. The image itself is uploaded as multipart (field `photo`), so it has no JSON schema.
 */
import { z } from 'zod';

/** A person shows at most this many photos. */
export const MAX_PHOTOS_PER_USER = 6;
export const PHOTO_CAPTION_MAX_LENGTH = 140;
/** The largest upload accepted, before any decoding. */
export const PHOTO_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The longest side of a stored photo; larger uploads are scaled down. */
export const PHOTO_MAX_LONG_SIDE_PX = 1600;
/** The image types an upload may be, recognised by their first bytes (never the name or declared type). */
export const photoUploadTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;

/** The optional caption, as sent in the multipart field `caption`; blank means none. */
export const PhotoCaptionSchema = z
  .string({ error: 'field.mustBeText' })
  .trim()
  .max(PHOTO_CAPTION_MAX_LENGTH, { error: 'field.tooLong' })
  .transform((caption) => (caption === '' ? null : caption));

export const PhotoIdParamsSchema = z.strictObject({ id: z.uuid() });

export const PhotoViewSchema = z.object({
  id: z.string(),
  /** Same-origin path of the stored WebP; the name is random and the bytes never change. */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  caption: z.string().nullable(),
  /** The photo's slot, 0 to MAX_PHOTOS_PER_USER - 1; the list is ordered by it. */
  position: z.number().int(),
});
export type PhotoView = z.infer<typeof PhotoViewSchema>;

export const PhotoListViewSchema = z.object({
  photos: z.array(PhotoViewSchema),
});
export type PhotoListView = z.infer<typeof PhotoListViewSchema>;
