import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('allows a burst, then the steady rate, and says how long to wait', () => {
    let nowMs = 0;
    const buckets = new TokenBuckets({ ratePerSecond: 10, burst: 3 }, () => nowMs);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(100);
    expect(buckets.take('b')).toBe(0);
    nowMs += 100;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(100);
    nowMs += 10_000;
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0, 100]);
  });
});
