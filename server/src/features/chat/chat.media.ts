/**
 * Voice uploads: the type comes from the first bytes, never from the name or the declared type.
 * Browsers record Opus in WebM (Chromium, Firefox), Ogg, or AAC in MP4 (Safari).
 */
import type { VoiceContentType } from '@airtalk/contracts';
import type { MediaExtension } from '../../platform/storage/media-storage.js';

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const OGG_MAGIC = Buffer.from('OggS', 'ascii');
const MP4_FTYP = Buffer.from('ftyp', 'ascii');

export interface SniffedVoice {
  contentType: VoiceContentType;
  extension: MediaExtension;
}

export function sniffVoiceType(bytes: Buffer): SniffedVoice | null {
  if (bytes.length < 12) return null;
  if (bytes.subarray(0, 4).equals(EBML_MAGIC)) {
    // EBML is also Matroska video; a WebM recording names its DocType "webm" near the start.
    return bytes.subarray(0, 64).includes('webm') ? { contentType: 'audio/webm', extension: 'webm' } : null;
  }
  if (bytes.subarray(0, 4).equals(OGG_MAGIC)) return { contentType: 'audio/ogg', extension: 'ogg' };
  if (bytes.subarray(4, 8).equals(MP4_FTYP)) return { contentType: 'audio/mp4', extension: 'm4a' };
  return null;
}
