/**
 * Photos in the privacy registry. The export lists each photo with its URL; the erasure deletes
 * the rows in the erasure's transaction and the files only after it committed, so a rolled-back
 * erasure never leaves rows pointing at deleted files.
 */
import type { MediaStorage } from '../../platform/storage/index.js';
import type { PrivacyRegistry } from '../../platform/privacy/registry.js';
import { mediaUrl } from './photos.presenter.js';

export function registerPhotosPrivacy(registry: PrivacyRegistry, storage: MediaStorage): void {
  /** Storage keys of erasures whose transaction has not committed yet, by user. */
  const pendingKeys = new Map<string, string[]>();
  registry.register({
    feature: 'photos',
    table: 'photos',
    userColumn: 'user_id',
    description: 'Profile photos the user uploaded (re-encoded, without metadata) and their captions.',
    exportRows: async (db, userId) => {
      const rows = await db
        .selectFrom('photos')
        .select(['id', 'width', 'height', 'caption', 'created_at', 'storage_key'])
        .where('user_id', '=', userId)
        .orderBy('position')
        .execute();
      return rows.map(({ storage_key, ...row }) => ({ ...row, url: mediaUrl(storage_key) }));
    },
    erase: async (db, userId) => {
      const rows = await db.selectFrom('photos').select('storage_key').where('user_id', '=', userId).execute();
      await db.deleteFrom('photos').where('user_id', '=', userId).execute();
      pendingKeys.set(userId, [...(pendingKeys.get(userId) ?? []), ...rows.map((row) => row.storage_key)]);
    },
    afterErase: async (userId) => {
      const keys = pendingKeys.get(userId) ?? [];
      pendingKeys.delete(userId);
      const results = await Promise.allSettled(keys.map((key) => storage.delete(key)));
      const failed = results.filter((result) => result.status === 'rejected');
      if (failed.length > 0) throw new Error(`${failed.length} of ${keys.length} photo files could not be deleted.`);
    },
  });
}
