import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { hasGpsLatitude, jpegWithGps, plainImage, PNG_SIGNATURE, pngBomb } from '../../../test/fixtures/images.js';
import { defaultImagePipelineLimits, ImagePipeline, sniffImageType } from './photos.pipeline.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; statusCode: number }> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, statusCode: error.statusCode };
}

describe('sniffImageType', () => {
  it('knows images by their first bytes', async () => {
    expect(sniffImageType(await plainImage('jpeg'))).toBe('jpeg');
    expect(sniffImageType(await plainImage('png'))).toBe('png');
    expect(sniffImageType(await plainImage('webp'))).toBe('webp');
    expect(sniffImageType(await plainImage('avif'))).toBe('avif');
  });

  it('knows nothing else, whatever it claims to be', () => {
    for (const text of ['hello.jpg', '<svg xmlns="http://www.w3.org/2000/svg"/>', '%PDF-1.7', 'GIF89a', 'RIFF1234WAVE'])
      expect(sniffImageType(Buffer.from(text)), text).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
    expect(sniffImageType(heic)).toBeNull();
  });
});

describe('ImagePipeline', () => {
  const pipeline = new ImagePipeline();

  it('turns a phone JPEG upright, drops every piece of metadata and keeps a WebP', async () => {
    const input = await jpegWithGps(400, 200);
    const before = await sharp(input).metadata();
    expect(hasGpsLatitude(before.exif)).toBe(true);
    expect(before.orientation).toBe(6);

    const image = await pipeline.process(input);
    expect(image).toMatchObject({ contentType: 'image/webp', extension: 'webp', widthPx: 200, heightPx: 400 });
    expect(image.sizeBytes).toBe(image.bytes.length);
    const after = await sharp(image.bytes).metadata();
    expect(after).toMatchObject({ format: 'webp', width: 200, height: 400 });
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(image.bytes.includes('AirtalkTestCam')).toBe(false);
  });

  it('scales large images down to 1600 px on the long side and never up', async () => {
    const large = await pipeline.process(await plainImage('png', 3200, 1000));
    expect([large.widthPx, large.heightPx]).toEqual([1600, 500]);
    const small = await pipeline.process(await plainImage('webp', 300, 500));
    expect([small.widthPx, small.heightPx]).toEqual([300, 500]);
    const avif = await pipeline.process(await plainImage('avif', 120, 80));
    expect([avif.widthPx, avif.heightPx]).toEqual([120, 80]);
  });

  it('refuses a file over the size cap before looking inside', async () => {
    const oversize = Buffer.alloc(defaultImagePipelineLimits.maxSizeBytes + 1, 0);
    oversize.set([0xff, 0xd8, 0xff]);
    expect(await refusal(pipeline.process(oversize))).toEqual({ code: 'PAYLOAD_TOO_LARGE', statusCode: 413 });
  });

  it('refuses what is not an image by its bytes, and an image that does not decode', async () => {
    expect(await refusal(pipeline.process(Buffer.from('just text, named photo.jpg')))).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      statusCode: 415,
    });
    const junk = Buffer.concat([PNG_SIGNATURE, Buffer.from('junk'.repeat(100))]);
    expect(await refusal(pipeline.process(junk))).toEqual({ code: 'IMAGE_UNREADABLE', statusCode: 422 });
    const jpeg = await plainImage('jpeg', 200, 200);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    expect(await refusal(pipeline.process(truncated))).toEqual({ code: 'IMAGE_UNREADABLE', statusCode: 422 });
    // PNG magic bytes in front of a JPEG body: the header says one thing, the bytes another.
    const disguised = Buffer.concat([PNG_SIGNATURE, jpeg]);
    expect(await refusal(pipeline.process(disguised))).toEqual({ code: 'IMAGE_UNREADABLE', statusCode: 422 });
  });

  it('refuses a pixel bomb from its header, at once', async () => {
    const bomb = pngBomb(20_000);
    expect(bomb.length).toBeLessThan(200_000);
    const startedMs = Date.now();
    expect(await refusal(pipeline.process(bomb))).toEqual({ code: 'IMAGE_TOO_MANY_PIXELS', statusCode: 422 });
    expect(Date.now() - startedMs).toBeLessThan(1000);
  });

  it('answers busy instead of queueing decodes without bound', async () => {
    const narrow = new ImagePipeline({ ...defaultImagePipelineLimits, maxConcurrentJobs: 1 });
    const input = await plainImage('png', 2000, 2000);
    const results = await Promise.allSettled([narrow.process(input), narrow.process(input)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected?.reason as AppError).code).toBe('SERVER_BUSY');
  });
});
