import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache.js';

const entry = (sessionId: string, expiresAtMs = 1_000_000) => ({
  userId: 'u',
  sessionId,
  expiresAtMs,
  lastSeenAtMs: 0,
});

describe('SessionCache', () => {
  it('returns what was put until the session is evicted by id', () => {
    const cache = new SessionCache(10, 30_000);
    cache.put('t1', entry('s1'), 0);
    expect(cache.get('t1', 10)?.sessionId).toBe('s1');
    cache.evictSession('s1');
    expect(cache.get('t1', 10)).toBeUndefined();
  });

  it('forgets entries older than the maximum age or past the session’s expiry', () => {
    const cache = new SessionCache(10, 30_000);
    cache.put('t1', entry('s1'), 0);
    expect(cache.get('t1', 30_000)).toBeUndefined();
    cache.put('t2', entry('s2', 5), 0);
    expect(cache.get('t2', 5)).toBeUndefined();
  });

  it('stays within its size', () => {
    const cache = new SessionCache(2, 30_000);
    cache.put('t1', entry('s1'), 0);
    cache.put('t2', entry('s2'), 0);
    cache.put('t3', entry('s3'), 0);
    expect(cache.get('t1', 1)).toBeUndefined();
    expect(cache.get('t3', 1)?.sessionId).toBe('s3');
  });
});
