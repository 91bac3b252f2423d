/**
 * Recently seen sessions, in memory, so an authenticated request costs no database read.
 * Ending a session evicts it here at once, and on every other node through the bus; an entry is
 * also re-read from the database after `maxAgeMs`, which bounds the damage of a lost bus message.
 */
export interface CachedSession {
  userId: string;
  sessionId: string;
  expiresAtMs: number;
  lastSeenAtMs: number;
  cachedAtMs: number;
}

export class SessionCache {
  private readonly byTokenHash = new Map<string, CachedSession>();
  private readonly tokenHashBySessionId = new Map<string, string>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  get(tokenHash: string, nowMs: number): CachedSession | undefined {
    const entry = this.byTokenHash.get(tokenHash);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAtMs >= this.maxAgeMs || entry.expiresAtMs <= nowMs) {
      this.evictSession(entry.sessionId);
      return undefined;
    }
    return entry;
  }

  put(tokenHash: string, entry: CachedSession): void {
    if (this.byTokenHash.size >= this.maxEntries) {
      const oldest = this.byTokenHash.values().next().value;
      if (oldest) this.evictSession(oldest.sessionId);
    }
    this.byTokenHash.set(tokenHash, entry);
    this.tokenHashBySessionId.set(entry.sessionId, tokenHash);
  }

  evictSession(sessionId: string): void {
    const tokenHash = this.tokenHashBySessionId.get(sessionId);
    if (tokenHash === undefined) return;
    this.tokenHashBySessionId.delete(sessionId);
    this.byTokenHash.delete(tokenHash);
  }

  get size(): number {
    return this.byTokenHash.size;
  }
}
