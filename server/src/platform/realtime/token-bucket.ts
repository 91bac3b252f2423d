/**
 * Per-key token buckets in memory: a steady rate with room for a burst. Gateway events are too
 * frequent to count in Redis one by one; a user's sockets usually sit on one node, and a user
 * spread over nodes gets each node's allowance, which is still a bound.
 */
export interface TokenBucketRule {
  ratePerSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly rule: TokenBucketRule,
    private readonly nowMs: () => number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    const nowMs = this.nowMs();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { tokens: this.rule.burst, refilledAtMs: nowMs };
      this.buckets.set(key, bucket);
    }
    const elapsedMs = Math.max(0, nowMs - bucket.refilledAtMs);
    bucket.tokens = Math.min(this.rule.burst, bucket.tokens + (elapsedMs * this.rule.ratePerSecond) / 1000);
    bucket.refilledAtMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 1000) / this.rule.ratePerSecond);
  }

  /** Forgets buckets untouched for `idleMs`: they have refilled, so a new one is the same. */
  prune(idleMs: number): void {
    const cutoffMs = this.nowMs() - Math.max(idleMs, (this.rule.burst * 1000) / this.rule.ratePerSecond);
    for (const [key, bucket] of this.buckets) if (bucket.refilledAtMs < cutoffMs) this.buckets.delete(key);
  }

  get size(): number {
    return this.buckets.size;
  }
}
