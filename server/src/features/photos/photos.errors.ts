/**
 * The errors a photo upload can meet, each with a stable code and a message for the `photo` field.
 */
import { PHOTO_MAX_UPLOAD_BYTES, type ErrorCode, type FieldMessageKey } from '@airtalk/contracts';
import { AppError } from '../../platform/http/errors.js';

function photoError(code: ErrorCode, statusCode: number, message: string, key: FieldMessageKey): AppError {
  return new AppError(code, statusCode, message, { photo: key });
}

const maxUploadMb = PHOTO_MAX_UPLOAD_BYTES / (1024 * 1024);

export const photoTooLarge = () =>
  photoError('PAYLOAD_TOO_LARGE', 413, `A photo can be at most ${maxUploadMb} MB.`, 'photo.tooLarge');

export const photoUnsupportedType = () =>
  photoError('UNSUPPORTED_MEDIA_TYPE', 415, 'Upload a JPEG, PNG, WebP or AVIF image.', 'photo.unsupportedType');

export const photoTooManyPixels = (maxPixels: number) =>
  photoError(
    'IMAGE_TOO_MANY_PIXELS',
    422,
    `This image has more than ${Math.round(maxPixels / 1_000_000)} megapixels.`,
    'photo.tooManyPixels',
  );

export const photoUnreadable = () =>
  photoError('IMAGE_UNREADABLE', 422, 'This image is damaged or could not be read.', 'photo.unreadable');

export const photoLimitReached = (maxPhotos: number) =>
  photoError('PHOTO_LIMIT', 422, `You can show at most ${maxPhotos} photos. Delete one first.`, 'photo.limit');

export const photoMissing = () =>
  new AppError('VALIDATION_FAILED', 422, 'Attach an image in the field "photo".', { photo: 'field.required' });
