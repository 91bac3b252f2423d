import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('returns values until they are deleted or too old', () => {
    const cache = new BoundedCache<string, number>(10, 1000);
    cache.set('a', 1, 0);
    expect(cache.get('a', 999)).toBe(1);
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('b', 2, 0);
    cache.delete('b');
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('does not keep a value read before an eviction that happened meanwhile', () => {
    const cache = new BoundedCache<string, number>(10, 1000);
    const generation = cache.generation;
    cache.delete('a');
    cache.set('a', 1, 0, generation);
    expect(cache.get('a', 1)).toBeUndefined();
    cache.set('a', 2, 0, cache.generation);
    expect(cache.get('a', 1)).toBe(2);
  });

  it('drops the oldest entry when full, and a re-set entry counts as new', () => {
    const cache = new BoundedCache<string, number>(2, 1000);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.set('a', 3, 0);
    cache.set('c', 4, 0);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBe(3);
    expect(cache.get('c', 1)).toBe(4);
    expect(cache.size).toBe(2);
  });
});
