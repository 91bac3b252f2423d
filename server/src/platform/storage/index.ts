/**
 * Media storage: the interface features use, and the local-disk implementation.
 */
export {
  assertMediaKey,
  contentTypeOfKey,
  InvalidMediaKeyError,
  isMediaKey,
  newMediaKey,
  type MediaExtension,
  type MediaStorage,
  type StoredMedia,
} from './media-storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
