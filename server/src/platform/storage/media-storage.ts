/**
 * Where uploaded media bytes live. Keys are random names the server makes, never user input; the
 * interface stays small so an S3-compatible store can replace the local disk later.
 */
import { randomBytes } from 'node:crypto';

export interface StoredMedia {
  bytes: Buffer;
  contentType: string;
}

export interface MediaStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes and their content type, or null when no media has this key. */
  read(key: string): Promise<StoredMedia | null>;
  /** Removes the media; a key that is already gone is not an error. */
  delete(key: string): Promise<void>;
}

const contentTypeByExtension = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  webm: 'audio/webm',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
} as const;
export type MediaExtension = keyof typeof contentTypeByExtension;

/** Only names this server could have made: a dot-free stem and a known extension. */
const MEDIA_KEY_PATTERN = /^[A-Za-z0-9_-]{1,128}\.(webp|jpg|webm|ogg|m4a)$/;

export function isMediaKey(key: string): boolean {
  return MEDIA_KEY_PATTERN.test(key);
}

/** The content type a key's extension promises, or null for a key this store would refuse. */
export function contentTypeOfKey(key: string): string | null {
  const match = MEDIA_KEY_PATTERN.exec(key);
  return match ? contentTypeByExtension[match[1] as MediaExtension] : null;
}

/** 144 random bits: unguessable, because /media URLs are served to anyone who holds them. */
export function newMediaKey(extension: MediaExtension): string {
  return `${randomBytes(18).toString('base64url')}.${extension}`;
}

export class InvalidMediaKeyError extends Error {
  constructor(key: string) {
    super(`Refused media key ${JSON.stringify(key.slice(0, 40))}.`);
    this.name = 'InvalidMediaKeyError';
  }
}

/** Throws unless the key is one this server could have made; the store's guard against path tricks. */
export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new InvalidMediaKeyError(key);
}
