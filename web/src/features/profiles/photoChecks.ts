/**
 * Profile photos before and during an upload: the checks a file must pass before it is sent (in
 * the UI language, with the server's own words), the caption's check, and the progress maths.
 */
import {
  MAX_PHOTOS_PER_USER,
  PHOTO_CAPTION_MAX_LENGTH,
  PHOTO_MAX_UPLOAD_BYTES,
  photoUploadTypes,
  translateFieldMessage,
  type Language,
} from '@airtalk/contracts';
import { isApiError } from '../../lib';
import { contactInfoMessage } from './profileChecks';

/** What the checks need to know about a picked file (a File has both). */
export interface PickedFile {
  size: number;
  type: string;
}

/** The `accept` list of the file input: the types the server recognises. */
export const PHOTO_ACCEPT = photoUploadTypes.join(',');

/**
 * Why this file can't be uploaded now, or undefined when it may be. The count comes first: with six
 * photos no file will do. An empty type (some systems give none) is left for the server to judge
 * by the file's bytes, as it always does.
 */
export function checkPhotoFile(file: PickedFile, photoCount: number, language: Language): string | undefined {
  if (photoCount >= MAX_PHOTOS_PER_USER) return translateFieldMessage('photo.limit', language);
  if (file.size > PHOTO_MAX_UPLOAD_BYTES) return translateFieldMessage('photo.tooLarge', language);
  if (file.size === 0) return translateFieldMessage('photo.unreadable', language);
  if (file.type !== '' && !(photoUploadTypes as readonly string[]).includes(file.type)) {
    return translateFieldMessage('photo.unsupportedType', language);
  }
  return undefined;
}

/** The caption is optional; when given it keeps to the limit and holds no contact details. */
export function checkCaption(caption: string, language: Language): string | undefined {
  const trimmed = caption.trim();
  if (trimmed === '') return undefined;
  if (trimmed.length > PHOTO_CAPTION_MAX_LENGTH) return translateFieldMessage('field.tooLong', language);
  return contactInfoMessage(trimmed, language);
}

/**
 * Whole percent of the body sent, 0 to 100, or null while the total is unknown (the bar then
 * shows no value). Never 100 before every byte is out, so "done" means done.
 */
export function uploadPercent(sent: number, total: number | null): number | null {
  if (total === null || !Number.isFinite(total) || total <= 0) return null;
  const ratio = Math.min(Math.max(sent, 0), total) / total;
  const percent = Math.floor(ratio * 100);
  return percent === 100 && sent < total ? 99 : percent;
}

/** Photos left to add, never below zero. */
export function photosLeft(photoCount: number): number {
  return Math.max(0, MAX_PHOTOS_PER_USER - photoCount);
}

/** Where an upload's failure is shown: under the file control, or under the caption. */
export interface UploadProblems {
  photo?: string;
  caption?: string;
}

/** True when the upload stopped because the person cancelled it. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * The server's field messages go where they belong (already in the UI language). A 413 or 415 from
 * a proxy carries none, so those codes get the contract's words; anything else is described by
 * `describe` under the file control, where the person is looking.
 */
export function uploadProblems(
  error: unknown,
  language: Language,
  describe: (error: unknown) => string,
): UploadProblems {
  if (!isApiError(error)) return { photo: describe(error) };
  const { photo, caption } = error.fields;
  if (photo !== undefined || caption !== undefined) {
    return { ...(photo === undefined ? {} : { photo }), ...(caption === undefined ? {} : { caption }) };
  }
  if (error.code === 'PAYLOAD_TOO_LARGE') return { photo: translateFieldMessage('photo.tooLarge', language) };
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE') {
    return { photo: translateFieldMessage('photo.unsupportedType', language) };
  }
  return { photo: describe(error) };
}
