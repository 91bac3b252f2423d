import { describe, expect, it } from 'vitest';
import { parseByteRange } from './chat.routes.js';

describe('parseByteRange', () => {
  it('reads the single ranges players ask for', () => {
    expect(parseByteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=0-1', 100)).toEqual({ start: 0, end: 1 });
    expect(parseByteRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });

  it('serves the whole file for what it does not serve: none, several, reversed or past the end', () => {
    for (const header of [
      undefined,
      '',
      'bytes=-',
      'bytes=0-1,5-6',
      'bytes=5-1',
      'bytes=100-',
      'items=0-1',
      'bytes=-0',
    ]) {
      expect(parseByteRange(header, 100)).toBeNull();
    }
  });
});
