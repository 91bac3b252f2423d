/**
 * All SQL for sessions and known devices.
 */
import type { Kysely } from 'kysely';
import type { Database, SessionRow } from '../../platform/db/schema.js';

export class SessionsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  async findById(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async listByUser(userId: string, nowMs: number): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', nowMs)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  async deleteOne(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** Deletes every session of the user but `keepSessionId`; returns the ids deleted. */
  async deleteAllOfUser(userId: string, keepSessionId?: string): Promise<string[]> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) query = query.where('id', '!=', keepSessionId);
    const deleted = await query.returning('id').execute();
    return deleted.map((row) => row.id);
  }

  async deleteExpired(nowMs: number): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', nowMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async isKnownDevice(userId: string, deviceHash: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('known_devices')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('device_hash', '=', deviceHash)
      .executeTakeFirst();
    return row !== undefined;
  }

  async rememberDevice(userId: string, deviceHash: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('known_devices')
      .values({ user_id: userId, device_hash: deviceHash, first_seen_at: nowMs, last_seen_at: nowMs })
      .onConflict((conflict) => conflict.columns(['user_id', 'device_hash']).doUpdateSet({ last_seen_at: nowMs }))
      .execute();
  }
}
