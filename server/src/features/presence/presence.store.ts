/**
 * All SQL of presence: live connections per user and node, node heartbeats, last seen.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

export class PresenceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async beat(nodeId: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('gateway_nodes')
      .values({ node_id: nodeId, heartbeat_at: nowMs })
      .onConflict((conflict) => conflict.column('node_id').doUpdateSet({ heartbeat_at: nowMs }))
      .execute();
  }

  async isNodeAlive(nodeId: string, aliveSinceMs: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('gateway_nodes')
      .select('node_id')
      .where('node_id', '=', nodeId)
      .where('heartbeat_at', '>=', aliveSinceMs)
      .executeTakeFirst();
    return row !== undefined;
  }

  async setConnections(userId: string, nodeId: string, connections: number, nowMs: number): Promise<void> {
    if (connections === 0) {
      await this.db
        .deleteFrom('presence_connections')
        .where('user_id', '=', userId)
        .where('node_id', '=', nodeId)
        .execute();
      return;
    }
    await this.db
      .insertInto('presence_connections')
      .values({ user_id: userId, node_id: nodeId, connections, updated_at: nowMs })
      .onConflict((conflict) =>
        conflict.columns(['user_id', 'node_id']).doUpdateSet({ connections, updated_at: nowMs }),
      )
      .execute();
  }

  async setLastSeen(userId: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('last_seen')
      .values({ user_id: userId, last_seen_at: nowMs })
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ last_seen_at: nowMs }))
      .execute();
  }

  /** Of these users, those with a connection on a node that beat since `aliveSinceMs`. */
  async onlineAmong(userIds: readonly string[], aliveSinceMs: number): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('presence_connections')
      .innerJoin('gateway_nodes', 'gateway_nodes.node_id', 'presence_connections.node_id')
      .select('presence_connections.user_id')
      .where('presence_connections.user_id', 'in', userIds)
      .where('gateway_nodes.heartbeat_at', '>=', aliveSinceMs)
      .execute();
    return new Set(rows.map((row) => row.user_id));
  }

  async lastSeenOf(userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('last_seen').selectAll().where('user_id', 'in', userIds).execute();
    return new Map(rows.map((row) => [row.user_id, row.last_seen_at]));
  }

  /**
   * Forgets nodes that stopped beating (killed without a goodbye) and returns the users whose
   * connections they held, with the node's last beat as the time they were last seen.
   */
  async reapDeadNodes(aliveSinceMs: number): Promise<{ userId: string; lastSeenAtMs: number }[]> {
    const dead = await this.db
      .selectFrom('gateway_nodes')
      .selectAll()
      .where('heartbeat_at', '<', aliveSinceMs)
      .execute();
    if (dead.length === 0) return [];
    const nodeIds = dead.map((node) => node.node_id);
    const beatByNode = new Map(dead.map((node) => [node.node_id, node.heartbeat_at]));
    const rows = await this.db
      .selectFrom('presence_connections')
      .select(['user_id', 'node_id'])
      .where('node_id', 'in', nodeIds)
      .execute();
    await this.db.deleteFrom('presence_connections').where('node_id', 'in', nodeIds).execute();
    await this.db.deleteFrom('gateway_nodes').where('node_id', 'in', nodeIds).execute();
    return rows.map((row) => ({ userId: row.user_id, lastSeenAtMs: beatByNode.get(row.node_id) ?? 0 }));
  }

  async forgetNode(nodeId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('presence_connections')
      .select('user_id')
      .where('node_id', '=', nodeId)
      .execute();
    await this.db.deleteFrom('presence_connections').where('node_id', '=', nodeId).execute();
    await this.db.deleteFrom('gateway_nodes').where('node_id', '=', nodeId).execute();
    return rows.map((row) => row.user_id);
  }
}
