import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, parseRetryAfter } from './api';

const NOW = Date.parse('2024-06-15T12:00:00.000Z');

describe('parseRetryAfter', () => {
  it('has no hint without a header', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('   ', NOW)).toBeNull();
  });

  it('reads whole seconds', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 30 ', NOW)).toBe(30);
  });

  it('reads an HTTP date as the seconds until then, rounded up', () => {
    expect(parseRetryAfter('Sat, 15 Jun 2024 12:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Sat, 15 Jun 2024 12:01:00 GMT', NOW - 500)).toBe(61);
  });

  it('says a date in the past means now', () => {
    expect(parseRetryAfter('Sat, 15 Jun 2024 11:00:00 GMT', NOW)).toBe(0);
  });

  it('has no hint for words it cannot read', () => {
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('later, maybe', NOW)).toBeNull();
  });

  it('reads any count of whole seconds as that count', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), NOW)).toBe(seconds);
      }),
    );
  });

  it('never returns a negative wait', () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const seconds = parseRetryAfter(header, NOW);
        if (seconds !== null) expect(seconds).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('ApiError', () => {
  it('keeps what the server said and defaults the rest', () => {
    const error = new ApiError({ status: 429, code: 'RATE_LIMITED', message: 'Too many' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiError');
    expect(error.message).toBe('Too many');
    expect(error.status).toBe(429);
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.fields).toEqual({});
    expect(error.retryAfterSeconds).toBeNull();
  });

  it('is told apart from other errors', () => {
    expect(isApiError(new ApiError({ status: 500, code: 'INTERNAL', message: 'x', retryAfterSeconds: 3 }))).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
    expect(isApiError({ code: 'INTERNAL' })).toBe(false);
    expect(isApiError(undefined)).toBe(false);
  });
});
