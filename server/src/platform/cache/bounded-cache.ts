/**
 * A small in-memory cache with a size bound (oldest entry out first) and a maximum age, for
 * copies of database rows that other nodes may change: the age bounds how long a copy can be
 * stale if the bus loses the message that should have evicted it.
 */
interface Entry<V> {
  value: V;
  storedAtMs: number;
}

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private evictions = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  get(key: K, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.storedAtMs >= this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Take this before reading the database on a miss and pass it to `set`: if anything was evicted
   * meanwhile, the row read may predate the change that evicted it, and it is not kept.
   */
  get generation(): number {
    return this.evictions;
  }

  set(key: K, value: V, nowMs: number, readAtGeneration = this.evictions): void {
    if (readAtGeneration !== this.evictions) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, storedAtMs: nowMs });
  }

  delete(key: K): void {
    this.evictions += 1;
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
