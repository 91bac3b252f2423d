/**
 * The accounts store with users read by id kept in memory: every signed-in request reads its
 * user, and a database read costs more than the rest of such a request. Caching wraps the store
 * (services do not know about it). Every write to a user evicts the copy here and, through the
 * bus, on every other node; a copy is re-read after 30 s at most in case that news is lost.
 */
import type { Kysely } from 'kysely';
import type { Bus } from '../../platform/bus/bus.js';
import { BoundedCache } from '../../platform/cache/bounded-cache.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, UserRow } from '../../platform/db/schema.js';
import { AccountsStore } from './accounts.store.js';

export const USER_CHANGED_TOPIC = 'accounts.user-changed';
export interface UserChangedEvent {
  userId: string;
}

const MAX_CACHED_USERS = 50_000;
const MAX_AGE_MS = 30_000;

export class CachingAccountsStore extends AccountsStore {
  private readonly users = new BoundedCache<string, UserRow>(MAX_CACHED_USERS, MAX_AGE_MS);
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    db: Kysely<Database>,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    super(db);
  }

  async start(): Promise<void> {
    this.unsubscribe = await this.bus.subscribe(USER_CHANGED_TOPIC, (message) => {
      this.users.delete((message as UserChangedEvent).userId);
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  override async findById(id: string): Promise<UserRow | undefined> {
    const nowMs = this.clock.nowMs();
    const cached = this.users.get(id, nowMs);
    if (cached) return cached;
    const generation = this.users.generation;
    const user = await super.findById(id);
    if (user) this.users.set(id, user, nowMs, generation);
    return user;
  }

  override async findByIds(ids: readonly string[]): Promise<UserRow[]> {
    const nowMs = this.clock.nowMs();
    const found: UserRow[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const cached = this.users.get(id, nowMs);
      if (cached) found.push(cached);
      else missing.push(id);
    }
    const generation = this.users.generation;
    for (const user of await super.findByIds(missing)) {
      this.users.set(user.id, user, nowMs, generation);
      found.push(user);
    }
    return found;
  }

  override async markEmailVerified(userId: string, email: string, nowMs: number): Promise<boolean> {
    const changed = await super.markEmailVerified(userId, email, nowMs);
    await this.forgetUser(userId);
    return changed;
  }

  override async updateNickname(userId: string, nickname: string, nowMs: number): Promise<void> {
    await super.updateNickname(userId, nickname, nowMs);
    await this.forgetUser(userId);
  }

  override async updatePasswordHash(userId: string, passwordHash: string, nowMs: number): Promise<void> {
    await super.updatePasswordHash(userId, passwordHash, nowMs);
    await this.forgetUser(userId);
  }

  override async acceptPolicy(userId: string, version: string, nowMs: number): Promise<void> {
    await super.acceptPolicy(userId, version, nowMs);
    await this.forgetUser(userId);
  }

  /** Drops the user's copy here and on every node; for any change made outside this store too. */
  async forgetUser(userId: string): Promise<void> {
    this.users.delete(userId);
    const event: UserChangedEvent = { userId };
    await this.bus.publish(USER_CHANGED_TOPIC, event);
  }
}
