/**
 * Untrusted upload → safe stored image. The type is read from the first bytes, never from the
 * file name or the declared type; the pixel count is read from the header and checked before
 * anything is decoded, so a small file that unpacks to gigabytes is refused at once. What is
 * kept is a fresh WebP: turned upright by its EXIF orientation, at most PHOTO_MAX_LONG_SIDE_PX
 * on the long side, and with every piece of metadata (GPS, camera, dates) left behind.
 */
import { PHOTO_MAX_LONG_SIDE_PX, PHOTO_MAX_UPLOAD_BYTES } from '@airtalk/contracts';
import sharp, { type Metadata } from 'sharp';
import { serverBusy } from '../../platform/http/errors.js';
import { photoTooLarge, photoTooManyPixels, photoUnreadable, photoUnsupportedType } from './photos.errors.js';

export type SniffedImageType = 'jpeg' | 'png' | 'webp' | 'avif';

export interface ImagePipelineLimits {
  maxSizeBytes: number;
  /** Width × height of the input; phones make about 12–50 MP, so 40 MP keeps real photos and stops bombs. */
  maxInputPixels: number;
  maxLongSidePx: number;
  webpQuality: number;
  /** A decode that takes longer than this is abandoned; libvips checks it between steps. */
  timeoutSeconds: number;
  /** Decodes at once; each may hold maxInputPixels × 4 bytes, so this bounds memory. */
  maxConcurrentJobs: number;
}

export const defaultImagePipelineLimits: ImagePipelineLimits = {
  maxSizeBytes: PHOTO_MAX_UPLOAD_BYTES,
  maxInputPixels: 40_000_000,
  maxLongSidePx: PHOTO_MAX_LONG_SIDE_PX,
  webpQuality: 82,
  timeoutSeconds: 20,
  maxConcurrentJobs: 4,
};

export interface ProcessedImage {
  bytes: Buffer;
  contentType: 'image/webp';
  extension: 'webp';
  widthPx: number;
  heightPx: number;
  sizeBytes: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** ISO-BMFF brands that mean AVIF; HEIC brands are left out because sharp's bundled libheif cannot decode HEVC. */
const AVIF_BRANDS = new Set(['avif', 'avis']);

function isAvif(bytes: Buffer): boolean {
  if (bytes.length < 16 || bytes.toString('latin1', 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  // The major brand, then the compatible brands after the 4-byte minor version.
  for (let offset = 8; offset + 4 <= boxSize; offset += offset === 8 ? 8 : 4) {
    if (AVIF_BRANDS.has(bytes.toString('latin1', offset, offset + 4))) return true;
  }
  return false;
}

/** The image type the bytes really are, or null for anything else (text, HTML, SVG, PDF, HEIC…). */
export function sniffImageType(bytes: Buffer): SniffedImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  if (isAvif(bytes)) return 'avif';
  return null;
}

/** sharp names AVIF "heif"; the rest match. */
const sharpFormatOf: Record<SniffedImageType, string> = { jpeg: 'jpeg', png: 'png', webp: 'webp', avif: 'heif' };

export class ImagePipeline {
  private inFlight = 0;

  constructor(readonly limits: ImagePipelineLimits = defaultImagePipelineLimits) {}

  async process(input: Buffer): Promise<ProcessedImage> {
    if (input.length > this.limits.maxSizeBytes) throw photoTooLarge();
    const type = sniffImageType(input);
    if (type === null) throw photoUnsupportedType();
    if (this.inFlight >= this.limits.maxConcurrentJobs) throw serverBusy(2);
    this.inFlight += 1;
    try {
      await this.checkHeader(input, type);
      return await this.reencode(input);
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Reads only the header: the format must be what the bytes claimed, and the size within bounds. */
  private async checkHeader(input: Buffer, type: SniffedImageType): Promise<void> {
    let metadata: Metadata;
    try {
      metadata = await sharp(input, { limitInputPixels: false }).metadata();
    } catch {
      throw photoUnreadable();
    }
    if (metadata.format !== sharpFormatOf[type]) throw photoUnreadable();
    const widthPx = metadata.width;
    const heightPx = metadata.height;
    if (!widthPx || !heightPx) throw photoUnreadable();
    if (widthPx * heightPx > this.limits.maxInputPixels) throw photoTooManyPixels(this.limits.maxInputPixels);
  }

  private async reencode(input: Buffer): Promise<ProcessedImage> {
    const { maxLongSidePx, maxInputPixels, webpQuality, timeoutSeconds } = this.limits;
    try {
      // No withMetadata/keepExif: sharp then writes no EXIF, XMP or ICC, only pixels in sRGB.
      const { data, info } = await sharp(input, { limitInputPixels: maxInputPixels, sequentialRead: true })
        .autoOrient()
        .resize({ width: maxLongSidePx, height: maxLongSidePx, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: webpQuality })
        .timeout({ seconds: timeoutSeconds })
        .toBuffer({ resolveWithObject: true });
      return {
        bytes: data,
        contentType: 'image/webp',
        extension: 'webp',
        widthPx: info.width,
        heightPx: info.height,
        sizeBytes: data.length,
      };
    } catch (error) {
      // The header check makes this rare; a pixel limit met here still gets its own code.
      if (error instanceof Error && error.message.includes('pixel limit')) throw photoTooManyPixels(maxInputPixels);
      throw photoUnreadable();
    }
  }
}
