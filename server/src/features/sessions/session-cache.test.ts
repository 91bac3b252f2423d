import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const entry = (sessionId: string, cachedAtMs = 0) => ({
  userId: 'u',
  sessionId,
  expiresAtMs: 1_000_000,
  lastSeenAtMs: 0,
  cachedAtMs,
});

describe('SessionCache', () => {
  it('returns what was put until it is evicted', () => {
    const cache = new SessionCache(10, 30_000);
    cache.put('h1', entry('s1'));
    expect(cache.get('h1', 10)?.sessionId).toBe('s1');
    cache.evictSession('s1');
    expect(cache.get('h1', 10)).toBeUndefined();
  });

  it('forgets entries older than the maximum age or past their expiry', () => {
    const cache = new SessionCache(10, 30_000);
    cache.put('h1', entry('s1'));
    expect(cache.get('h1', 30_000)).toBeUndefined();
    cache.put('h2', { ...entry('s2'), expiresAtMs: 5 });
    expect(cache.get('h2', 5)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its size by dropping the oldest', () => {
    const cache = new SessionCache(2, 30_000);
    cache.put('h1', entry('s1'));
    cache.put('h2', entry('s2'));
    cache.put('h3', entry('s3'));
    expect(cache.size).toBe(2);
    expect(cache.get('h1', 1)).toBeUndefined();
    expect(cache.get('h3', 1)?.sessionId).toBe('s3');
  });
});
