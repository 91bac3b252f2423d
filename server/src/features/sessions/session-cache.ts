/**
 * Recently seen sessions, in memory, so an authenticated request costs no database read and no
 * hashing. Entries are keyed by the cookie token itself: it never leaves this process's memory,
 * which sees every token anyway, and the database still stores only hashes. Ending a session
 * evicts it by its id.
 */
import { BoundedCache } from '../../platform/cache/bounded-cache.js';

export interface CachedSession {
  userId: string;
  sessionId: string;
  expiresAtMs: number;
  lastSeenAtMs: number;
}

export class SessionCache {
  private readonly byToken: BoundedCache<string, CachedSession>;
  private readonly tokenBySessionId = new Map<string, string>();

  constructor(maxEntries: number, maxAgeMs: number) {
    this.byToken = new BoundedCache(maxEntries, maxAgeMs);
  }

  get(token: string, nowMs: number): CachedSession | undefined {
    const entry = this.byToken.get(token, nowMs);
    if (!entry || entry.expiresAtMs <= nowMs) {
      if (entry) this.evictSession(entry.sessionId);
      return undefined;
    }
    return entry;
  }

  get generation(): number {
    return this.byToken.generation;
  }

  put(token: string, entry: CachedSession, nowMs: number, readAtGeneration = this.generation): void {
    if (readAtGeneration !== this.generation) return;
    this.byToken.set(token, entry, nowMs);
    this.tokenBySessionId.set(entry.sessionId, token);
    // The index may keep ids of entries the bounded cache has dropped; it is trimmed with it.
    if (this.tokenBySessionId.size > 2 * this.byToken.size + 1000) this.trimIndex(nowMs);
  }

  evictSession(sessionId: string): void {
    const token = this.tokenBySessionId.get(sessionId);
    if (token === undefined) return;
    this.tokenBySessionId.delete(sessionId);
    this.byToken.delete(token);
  }

  private trimIndex(nowMs: number): void {
    for (const [sessionId, token] of this.tokenBySessionId) {
      if (this.byToken.get(token, nowMs)?.sessionId !== sessionId) this.tokenBySessionId.delete(sessionId);
    }
  }
}
