/**
 * The people I blocked, as I see them in my list.
 */
import type { BlockView } from '@airtalk/contracts';
import type { BlockedUserRow } from './blocks.store.js';

export function presentBlock(row: BlockedUserRow): BlockView {
  return { userId: row.blocked_id, nickname: row.nickname, blockedAt: new Date(row.created_at).toISOString() };
}
