import {
  fieldMessages,
  MAX_PHOTOS_PER_USER,
  PHOTO_CAPTION_MAX_LENGTH,
  PHOTO_MAX_UPLOAD_BYTES,
} from '@airtalk/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import {
  checkCaption,
  checkPhotoFile,
  isAbort,
  PHOTO_ACCEPT,
  photosLeft,
  uploadPercent,
  uploadProblems,
} from './photoChecks';

const jpeg = (size: number, type = 'image/jpeg') => ({ size, type });

describe('checkPhotoFile', () => {
  it('lets an ordinary photo through', () => {
    expect(checkPhotoFile(jpeg(2_000_000), 0, 'en')).toBeUndefined();
    expect(checkPhotoFile(jpeg(PHOTO_MAX_UPLOAD_BYTES), MAX_PHOTOS_PER_USER - 1, 'en')).toBeUndefined();
    expect(checkPhotoFile(jpeg(1000, 'image/avif'), 0, 'en')).toBeUndefined();
  });

  it('refuses a file over 10 MB, in the UI language', () => {
    expect(checkPhotoFile(jpeg(PHOTO_MAX_UPLOAD_BYTES + 1), 0, 'en')).toBe(fieldMessages['photo.tooLarge'].en);
    expect(checkPhotoFile(jpeg(PHOTO_MAX_UPLOAD_BYTES + 1), 0, 'zh')).toBe(fieldMessages['photo.tooLarge'].zh);
  });

  it('refuses a seventh photo before looking at the file', () => {
    expect(checkPhotoFile(jpeg(1000), MAX_PHOTOS_PER_USER, 'en')).toBe(fieldMessages['photo.limit'].en);
    expect(checkPhotoFile(jpeg(PHOTO_MAX_UPLOAD_BYTES * 2), MAX_PHOTOS_PER_USER, 'zh')).toBe(
      fieldMessages['photo.limit'].zh,
    );
  });

  it('refuses a declared type the server never accepts, and an empty file', () => {
    expect(checkPhotoFile(jpeg(1000, 'image/gif'), 0, 'en')).toBe(fieldMessages['photo.unsupportedType'].en);
    expect(checkPhotoFile(jpeg(1000, 'application/pdf'), 0, 'en')).toBe(fieldMessages['photo.unsupportedType'].en);
    expect(checkPhotoFile(jpeg(0), 0, 'en')).toBe(fieldMessages['photo.unreadable'].en);
  });

  it('leaves a file with no declared type to the server', () => {
    expect(checkPhotoFile(jpeg(1000, ''), 0, 'en')).toBeUndefined();
  });
});

describe('PHOTO_ACCEPT', () => {
  it('lists exactly the four upload types', () => {
    expect(PHOTO_ACCEPT).toBe('image/jpeg,image/png,image/webp,image/avif');
  });
});

describe('checkCaption', () => {
  it('accepts no caption and ordinary words', () => {
    expect(checkCaption('', 'en')).toBeUndefined();
    expect(checkCaption('   ', 'en')).toBeUndefined();
    expect(checkCaption('Sunset at the lake', 'en')).toBeUndefined();
    expect(checkCaption('x'.repeat(PHOTO_CAPTION_MAX_LENGTH), 'en')).toBeUndefined();
  });

  it('keeps to 140 characters after trimming', () => {
    expect(checkCaption(`  ${'x'.repeat(PHOTO_CAPTION_MAX_LENGTH)}  `, 'en')).toBeUndefined();
    expect(checkCaption('x'.repeat(PHOTO_CAPTION_MAX_LENGTH + 1), 'zh')).toBe(fieldMessages['field.tooLong'].zh);
  });

  it('catches contact details with the shared guard', () => {
    expect(checkCaption('call me 139-1234-5678', 'en')).toBe(fieldMessages['contactInfo.phone'].en);
    expect(checkCaption('写信给 lin@example.com', 'zh')).toBe(fieldMessages['contactInfo.email'].zh);
  });
});

describe('uploadPercent', () => {
  it('has no value while the total is unknown', () => {
    expect(uploadPercent(500, null)).toBeNull();
    expect(uploadPercent(0, 0)).toBeNull();
    expect(uploadPercent(10, Number.NaN)).toBeNull();
  });

  it('rounds down to whole percent', () => {
    expect(uploadPercent(0, 1000)).toBe(0);
    expect(uploadPercent(333, 1000)).toBe(33);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
  });

  it('says 100 only when every byte is sent', () => {
    expect(uploadPercent(9_999_999, 10_000_000)).toBe(99);
  });

  it('stays within 0 to 100', () => {
    expect(uploadPercent(-5, 1000)).toBe(0);
    expect(uploadPercent(2000, 1000)).toBe(100);
  });
});

describe('photosLeft', () => {
  it('counts down from six and stops at zero', () => {
    expect(photosLeft(0)).toBe(MAX_PHOTOS_PER_USER);
    expect(photosLeft(4)).toBe(2);
    expect(photosLeft(9)).toBe(0);
  });
});

describe('uploadProblems', () => {
  const describeError = (error: unknown) => `described: ${error instanceof ApiError ? error.code : 'other'}`;

  it('puts the server’s field messages under their fields', () => {
    const error = new ApiError({
      status: 422,
      code: 'CONTACT_INFO_WECHAT',
      message: 'x',
      fields: { caption: '请勿填写微信号。' },
    });
    expect(uploadProblems(error, 'zh', describeError)).toEqual({ caption: '请勿填写微信号。' });
    const tooBig = new ApiError({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'x', fields: { photo: 'Big.' } });
    expect(uploadProblems(tooBig, 'en', describeError)).toEqual({ photo: 'Big.' });
  });

  it('gives a bare 413 or 415 the contract’s words', () => {
    const tooBig = new ApiError({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'x' });
    expect(uploadProblems(tooBig, 'zh', describeError)).toEqual({ photo: fieldMessages['photo.tooLarge'].zh });
    const wrongType = new ApiError({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'x' });
    expect(uploadProblems(wrongType, 'en', describeError)).toEqual({
      photo: fieldMessages['photo.unsupportedType'].en,
    });
  });

  it('describes anything else under the file control', () => {
    const offline = new ApiError({ status: 0, code: 'NETWORK_FAILED', message: 'x' });
    expect(uploadProblems(offline, 'en', describeError)).toEqual({ photo: 'described: NETWORK_FAILED' });
    expect(uploadProblems(new Error('boom'), 'en', describeError)).toEqual({ photo: 'described: other' });
  });
});

describe('isAbort', () => {
  it('recognises a cancelled upload only', () => {
    expect(isAbort(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isAbort(new ApiError({ status: 0, code: 'NETWORK_FAILED', message: 'x' }))).toBe(false);
  });
});
