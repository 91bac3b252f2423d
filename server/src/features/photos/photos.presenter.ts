/**
 * Photo rows as they leave the server. The storage key becomes a same-origin URL; the owner, the
 * byte size and the upload time stay inside.
 */
import type { PhotoView } from '@airtalk/contracts';
import type { PhotoRow } from '../../platform/db/schema.js';

export function mediaUrl(storageKey: string): string {
  return `/media/${storageKey}`;
}

export function presentPhoto(row: PhotoRow): PhotoView {
  return {
    id: row.id,
    url: mediaUrl(row.storage_key),
    width: row.width,
    height: row.height,
    caption: row.caption,
    position: row.position,
  };
}
