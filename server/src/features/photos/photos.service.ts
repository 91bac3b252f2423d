/**
 * Profile photos: upload, list, delete. The caption passes the contact-info guard; the image
 * passes the pipeline before a byte is stored. Files are written before their row and removed
 * after it, so a row never points at a missing file (a crash can at worst leave a stray file).
 */
import { randomUUID } from 'node:crypto';
import { detectContactInfo, MAX_PHOTOS_PER_USER } from '@airtalk/contracts';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { PhotoRow } from '../../platform/db/schema.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { newMediaKey, type MediaStorage } from '../../platform/storage/index.js';
import { photoLimitReached } from './photos.errors.js';
import type { ImagePipeline } from './photos.pipeline.js';
import { canManagePhoto } from './photos.policy.js';
import type { PhotosStore } from './photos.store.js';

export interface ContactInfoAttempt {
  id: string;
  user_id: string;
  field: string;
  kind: string;
  created_at: number;
}

export interface PhotosServiceDeps {
  store: PhotosStore;
  storage: MediaStorage;
  pipeline: ImagePipeline;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  maxPhotosPerUser?: number;
  /** Counts a refused caption for moderation, like a refused profile field (the profiles store). */
  recordContactInfoAttempt?: (attempt: ContactInfoAttempt) => Promise<void>;
}

export interface PhotoUpload {
  bytes: Buffer;
  /** Already trimmed and length-checked by the contract; null for none. */
  caption: string | null;
}

export class PhotosService {
  private readonly maxPhotos: number;

  constructor(private readonly deps: PhotosServiceDeps) {
    this.maxPhotos = deps.maxPhotosPerUser ?? MAX_PHOTOS_PER_USER;
  }

  async list(userId: string): Promise<PhotoRow[]> {
    return this.deps.store.listByUser(userId);
  }

  /** Each person's photos in slot order, for a list of people. */
  async listForUsers(userIds: readonly string[]): Promise<Map<string, PhotoRow[]>> {
    const byUser = new Map<string, PhotoRow[]>();
    for (const row of await this.deps.store.listByUsers(userIds)) {
      const photos = byUser.get(row.user_id) ?? [];
      photos.push(row);
      byUser.set(row.user_id, photos);
    }
    return byUser;
  }

  async upload(userId: string, upload: PhotoUpload): Promise<PhotoRow> {
    // Cheap refusals first: no decoding for a caption or a count that would be refused anyway.
    await this.guardCaption(userId, upload.caption);
    if ((await this.deps.store.countByUser(userId)) >= this.maxPhotos) throw photoLimitReached(this.maxPhotos);

    const image = await this.deps.pipeline.process(upload.bytes);
    const storageKey = newMediaKey(image.extension);
    await this.deps.storage.put(storageKey, image.bytes, image.contentType);
    let row: PhotoRow | null;
    try {
      row = await this.deps.store.insertInFreeSlot(
        {
          id: randomUUID(),
          user_id: userId,
          storage_key: storageKey,
          width: image.widthPx,
          height: image.heightPx,
          bytes: image.sizeBytes,
          caption: upload.caption,
          created_at: this.deps.clock.nowMs(),
        },
        this.maxPhotos,
      );
    } catch (error) {
      await this.removeFile(storageKey);
      throw error;
    }
    if (row === null) {
      // Another upload took the last slot while this one was being decoded.
      await this.removeFile(storageKey);
      throw photoLimitReached(this.maxPhotos);
    }
    return row;
  }

  /** Deletes my photo and its file; someone else's photo, or none, is the same 404. */
  async delete(userId: string, photoId: string): Promise<void> {
    const photo = await this.deps.store.find(photoId);
    if (!photo || !canManagePhoto({ actorId: userId, ownerId: photo.user_id })) throw notFound('This photo');
    const deleted = await this.deps.store.deleteOwned(photoId, userId);
    if (!deleted) throw notFound('This photo');
    await this.removeFile(deleted.storage_key);
  }

  private async guardCaption(userId: string, caption: string | null): Promise<void> {
    if (caption === null) return;
    const finding = detectContactInfo(caption);
    if (!finding) return;
    await this.deps.recordContactInfoAttempt?.({
      id: randomUUID(),
      user_id: userId,
      field: 'caption',
      kind: finding.kind,
      created_at: this.deps.clock.nowMs(),
    });
    throw new AppError(finding.code, 422, 'Contact details cannot be shown on Airtalk.', {
      caption: finding.messageKey,
    });
  }

  /** The row is already gone, so a file that cannot be removed is logged rather than failing the request. */
  private async removeFile(storageKey: string): Promise<void> {
    try {
      await this.deps.storage.delete(storageKey);
    } catch (error) {
      this.deps.logger.warn({ err: error, storageKey }, 'photo file could not be removed');
    }
  }
}
