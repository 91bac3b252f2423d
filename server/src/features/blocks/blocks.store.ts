/**
 * All SQL for blocks.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { BlockRelation } from './blocks.policy.js';

export interface BlockedUserRow {
  blocked_id: string;
  nickname: string;
  created_at: number;
}

export class BlocksStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records the block; blocking twice keeps the first time. */
  async block(blockerId: string, blockedId: string, nowMs: number): Promise<void> {
    await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: nowMs })
      .onConflict((conflict) => conflict.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .execute();
  }

  async listBlockedBy(blockerId: string): Promise<BlockedUserRow[]> {
    return this.db
      .selectFrom('blocks')
      .innerJoin('users', 'users.id', 'blocks.blocked_id')
      .select(['blocks.blocked_id', 'users.nickname', 'blocks.created_at'])
      .where('blocks.blocker_id', '=', blockerId)
      .orderBy('blocks.created_at', 'desc')
      .execute();
  }

  /** Which of the two blocked the other, in one read. */
  async relationBetween(a: string, b: string): Promise<BlockRelation> {
    const rows = await this.db
      .selectFrom('blocks')
      .select('blocker_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
          eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
        ]),
      )
      .execute();
    return {
      aBlockedB: rows.some((row) => row.blocker_id === a),
      bBlockedA: rows.some((row) => row.blocker_id === b),
    };
  }

  /** Everyone the user blocked and everyone who blocked the user. */
  async blockedEitherWay(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .select('blocked_id as other_id')
      .where('blocker_id', '=', userId)
      .unionAll(this.db.selectFrom('blocks').select('blocker_id as other_id').where('blocked_id', '=', userId))
      .execute();
    return rows.map((row) => row.other_id);
  }
}
