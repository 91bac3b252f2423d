/**
 * Sessions: start one at sign-in, recognise it on each request, list and end them.
 * The cookie holds a random token; the database holds only its hash.
 */
import { randomUUID } from 'node:crypto';
import type { Bus } from '../../platform/bus/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { SessionRow } from '../../platform/db/schema.js';
import { notFound } from '../../platform/http/errors.js';
import type { RequestMeta } from '../../platform/logging/request-meta.js';
import { createToken, hashToken, isWellFormedToken } from '../../platform/security/tokens.js';
import { SessionCache } from './session-cache.js';
import { canManageSession } from './sessions.policy.js';
import type { SessionsStore } from './sessions.store.js';

export interface Session {
  id: string;
  userId: string;
  deviceHash: string | null;
  browser: string | null;
  os: string | null;
  language: string | null;
  coarseIp: string | null;
  createdAtMs: number;
  lastSeenAtMs: number;
  expiresAtMs: number;
}

/** Who is asking, on every authenticated request. */
export interface AuthContext {
  userId: string;
  sessionId: string;
}

/** Published when sessions end, so every node can drop what it holds for them (sockets, caches). */
export const SESSIONS_REVOKED_TOPIC = 'sessions.revoked';
export interface SessionsRevokedEvent {
  userId: string;
  sessionIds: string[];
}

const CACHE_MAX_ENTRIES = 50_000;
/** The longest a session revoked on another node could still work if the bus lost the news. */
export const SESSION_CACHE_MAX_AGE_MS = 30_000;

// Writing last-seen on every request would turn each read into a write; a minute is precise enough to show.
const LAST_SEEN_RESOLUTION_MS = 60_000;

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    deviceHash: row.device_hash,
    browser: row.browser,
    os: row.os,
    language: row.language,
    coarseIp: row.coarse_ip,
    createdAtMs: row.created_at,
    lastSeenAtMs: row.last_seen_at,
    expiresAtMs: row.expires_at,
  };
}

export interface SessionsServiceDeps {
  store: SessionsStore;
  clock: Clock;
  bus: Bus;
  idleTtlMs: number;
}

export class SessionsService {
  private readonly cache = new SessionCache(CACHE_MAX_ENTRIES, SESSION_CACHE_MAX_AGE_MS);
  private unsubscribe: (() => Promise<void>) | undefined;
  private readonly endedListeners: ((event: SessionsRevokedEvent) => void)[] = [];

  constructor(private readonly deps: SessionsServiceDeps) {}

  /** Listens for sessions ended on any node (this one too), so their cached copies go at once. */
  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(SESSIONS_REVOKED_TOPIC, (message) => {
      const event = message as SessionsRevokedEvent;
      for (const sessionId of event.sessionIds) this.cache.evictSession(sessionId);
      for (const listener of this.endedListeners) listener(event);
    });
  }

  /** What else holds on to sessions (live sockets) hears here that they ended, on every node. */
  onEnded(listener: (event: SessionsRevokedEvent) => void): void {
    this.endedListeners.push(listener);
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  /** Starts a session and returns the token for the cookie; the token is never stored. */
  async open(
    userId: string,
    meta: RequestMeta,
    deviceHash: string | null,
  ): Promise<{ token: string; session: Session }> {
    const token = createToken();
    const nowMs = this.deps.clock.nowMs();
    const row: SessionRow = {
      id: randomUUID(),
      user_id: userId,
      token_hash: hashToken(token),
      device_hash: deviceHash,
      browser: meta.browser,
      os: meta.os,
      language: meta.language,
      coarse_ip: meta.coarseIp,
      created_at: nowMs,
      last_seen_at: nowMs,
      expires_at: nowMs + this.deps.idleTtlMs,
    };
    await this.deps.store.insert(row);
    return { token, session: toSession(row) };
  }

  /**
   * The session a cookie token names, or null when it is unknown, ended or expired. `renewed` says
   * its idle expiry moved forward, so the cookie's lifetime should be moved with it.
   */
  async authenticate(token: string | undefined): Promise<(AuthContext & { renewed: boolean }) | null> {
    if (!token || !isWellFormedToken(token)) return null;
    const nowMs = this.deps.clock.nowMs();
    let entry = this.cache.get(token, nowMs);
    let renewed = false;
    if (!entry) {
      const generation = this.cache.generation;
      const row = await this.deps.store.findByTokenHash(hashToken(token));
      if (!row || row.expires_at <= nowMs) return null;
      entry = {
        userId: row.user_id,
        sessionId: row.id,
        expiresAtMs: row.expires_at,
        lastSeenAtMs: row.last_seen_at,
      };
      this.cache.put(token, entry, nowMs, generation);
    }
    if (nowMs - entry.lastSeenAtMs >= LAST_SEEN_RESOLUTION_MS) {
      entry.lastSeenAtMs = nowMs;
      entry.expiresAtMs = nowMs + this.deps.idleTtlMs;
      await this.deps.store.touch(entry.sessionId, nowMs, entry.expiresAtMs);
      renewed = true;
    }
    return { userId: entry.userId, sessionId: entry.sessionId, renewed };
  }

  async list(userId: string): Promise<Session[]> {
    const rows = await this.deps.store.listByUser(userId, this.deps.clock.nowMs());
    return rows.map(toSession);
  }

  /** Ends one session of the viewer's; another user's session is "not found", not "forbidden". */
  async revoke(viewer: AuthContext, sessionId: string): Promise<void> {
    const row = await this.deps.store.findById(sessionId);
    if (!row || !canManageSession(viewer.userId, toSession(row))) throw notFound('This session');
    await this.deps.store.deleteOne(row.id);
    await this.announce(viewer.userId, [row.id]);
  }

  /** Ends every session of the user, or every one but `keepSessionId`. */
  async revokeAll(userId: string, keepSessionId?: string): Promise<void> {
    const ended = await this.deps.store.deleteAllOfUser(userId, keepSessionId);
    await this.announce(userId, ended);
  }

  /** Removes sessions whose idle time ran out; they no longer work, this only frees the rows. */
  async deleteExpired(): Promise<number> {
    return this.deps.store.deleteExpired(this.deps.clock.nowMs());
  }

  async isKnownDevice(userId: string, deviceHash: string): Promise<boolean> {
    return this.deps.store.isKnownDevice(userId, deviceHash);
  }

  async rememberDevice(userId: string, deviceHash: string): Promise<void> {
    await this.deps.store.rememberDevice(userId, deviceHash, this.deps.clock.nowMs());
  }

  /** Drops sessions whose rows were deleted elsewhere (account erasure) from every node's cache. */
  async forget(userId: string, sessionIds: string[]): Promise<void> {
    await this.announce(userId, sessionIds);
  }

  private async announce(userId: string, sessionIds: string[]): Promise<void> {
    for (const sessionId of sessionIds) this.cache.evictSession(sessionId);
    if (sessionIds.length === 0) return;
    const event: SessionsRevokedEvent = { userId, sessionIds };
    await this.deps.bus.publish(SESSIONS_REVOKED_TOPIC, event);
  }
}
