/**
 * Who is online, across nodes. Each node counts its own connections per user and writes the count
 * with its node id; a node beats every few seconds, and connections on a node that stopped beating
 * do not count. A user going online or offline is published to a hub topic that watchers join.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.js';
import type { RealtimeHub } from '../../platform/realtime/hub.js';
import type { PresenceStore } from './presence.store.js';

export const NODE_HEARTBEAT_INTERVAL_MS = 5_000;
/** A node silent for this long is taken for dead and its connections for gone. */
export const NODE_DEAD_AFTER_MS = 20_000;

export interface PresenceView {
  userId: string;
  online: boolean;
  lastSeenAtMs: number | null;
}

export function presenceTopic(userId: string): string {
  return `presence:${userId}`;
}

export interface PresenceServiceDeps {
  store: PresenceStore;
  hub: RealtimeHub;
  clock: Clock;
  logger: Logger;
}

export class PresenceService {
  readonly nodeId = randomUUID();
  private readonly localConnections = new Map<string, number>();
  /** One user's count changes are written one after another, so the last write is the truth. */
  private readonly writes = new Map<string, Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: PresenceServiceDeps) {}

  async start(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => {
      void this.beat().catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'presence heartbeat failed');
      });
    }, NODE_HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  /** Leaves cleanly: this node's people go offline now instead of after the grace period. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await Promise.all(this.writes.values());
    const userIds = await this.deps.store.forgetNode(this.nodeId);
    const nowMs = this.deps.clock.nowMs();
    for (const userId of userIds) await this.announceIfOffline(userId, nowMs);
  }

  /** Whether a node still beats (a node killed without a goodbye stops within NODE_DEAD_AFTER_MS). */
  async isNodeAlive(nodeId: string): Promise<boolean> {
    return this.deps.store.isNodeAlive(nodeId, this.deps.clock.nowMs() - NODE_DEAD_AFTER_MS);
  }

  connected(userId: string): Promise<void> {
    return this.change(userId, 1);
  }

  disconnected(userId: string): Promise<void> {
    return this.change(userId, -1);
  }

  async lookup(userIds: readonly string[]): Promise<Map<string, PresenceView>> {
    const nowMs = this.deps.clock.nowMs();
    const [online, lastSeen] = await Promise.all([
      this.deps.store.onlineAmong(userIds, nowMs - NODE_DEAD_AFTER_MS),
      this.deps.store.lastSeenOf(userIds),
    ]);
    return new Map(
      userIds.map((userId) => [
        userId,
        { userId, online: online.has(userId), lastSeenAtMs: lastSeen.get(userId) ?? null },
      ]),
    );
  }

  private change(userId: string, delta: number): Promise<void> {
    const count = Math.max(0, (this.localConnections.get(userId) ?? 0) + delta);
    if (count === 0) this.localConnections.delete(userId);
    else this.localConnections.set(userId, count);
    const previous = this.writes.get(userId) ?? Promise.resolve();
    const write = previous
      .then(() => this.write(userId, count, delta))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'presence update failed');
      });
    this.writes.set(userId, write);
    void write.then(() => {
      if (this.writes.get(userId) === write) this.writes.delete(userId);
    });
    return write;
  }

  private async write(userId: string, count: number, delta: number): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.setConnections(userId, this.nodeId, count, nowMs);
    if (delta > 0 && count === 1) {
      await this.publish({ userId, online: true, lastSeenAtMs: nowMs });
    } else if (count === 0) {
      await this.deps.store.setLastSeen(userId, nowMs);
      await this.announceIfOffline(userId, nowMs);
    }
  }

  private async announceIfOffline(userId: string, lastSeenAtMs: number): Promise<void> {
    const stillOnline = await this.deps.store.onlineAmong([userId], this.deps.clock.nowMs() - NODE_DEAD_AFTER_MS);
    if (!stillOnline.has(userId)) await this.publish({ userId, online: false, lastSeenAtMs });
  }

  private async publish(view: PresenceView): Promise<void> {
    await this.deps.hub.publish(presenceTopic(view.userId), { type: 'presence', ...view });
  }

  private async beat(): Promise<void> {
    const nowMs = this.deps.clock.nowMs();
    await this.deps.store.beat(this.nodeId, nowMs);
    const orphaned = await this.deps.store.reapDeadNodes(nowMs - NODE_DEAD_AFTER_MS);
    for (const { userId, lastSeenAtMs } of orphaned) {
      await this.deps.store.setLastSeen(userId, lastSeenAtMs);
      await this.announceIfOffline(userId, lastSeenAtMs);
    }
  }
}
