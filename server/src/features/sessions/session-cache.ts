/**
 * Recently seen sessions, in memory, so an authenticated request costs no database read and no
 * hashing. Entries are keyed by the cookie token itself: it never leaves this process's memory,
 * which sees every token anyway, and the database still stores only hashes.
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
  private readonly byToken = new Map<string, CachedSession>();
  private readonly tokenBySessionId = new Map<string, string>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
  ) {}

  get(token: string, nowMs: number): CachedSession | undefined {
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (nowMs - entry.cachedAtMs >= this.maxAgeMs || entry.expiresAtMs <= nowMs) {
      this.evictSession(entry.sessionId);
      return undefined;
    }
    return entry;
  }

  put(token: string, entry: CachedSession): void {
    if (this.byToken.size >= this.maxEntries) {
      const oldest = this.byToken.values().next().value;
      if (oldest) this.evictSession(oldest.sessionId);
    }
    this.byToken.set(token, entry);
    this.tokenBySessionId.set(entry.sessionId, token);
  }

  evictSession(sessionId: string): void {
    const token = this.tokenBySessionId.get(sessionId);
    if (token === undefined) return;
    this.tokenBySessionId.delete(sessionId);
    this.byToken.delete(token);
  }

  get size(): number {
    return this.byToken.size;
  }
}
