/**
 * Blocking: one person stops another from seeing or reaching them, in both directions.
 */
import type { Clock } from '../../platform/clock.js';
import { notFound, validationFailed } from '../../platform/http/errors.js';
import { mayInteract } from './blocks.policy.js';
import type { BlockedUserRow, BlocksStore } from './blocks.store.js';

export interface BlocksServiceDeps {
  store: BlocksStore;
  clock: Clock;
  /** Owned by accounts. */
  userExists: (userId: string) => Promise<boolean>;
}

export class BlocksService {
  constructor(private readonly deps: BlocksServiceDeps) {}

  async block(blockerId: string, blockedId: string): Promise<void> {
    if (blockerId === blockedId) throw validationFailed({ userId: 'block.self' });
    if (!(await this.deps.userExists(blockedId))) throw notFound('This user');
    await this.deps.store.block(blockerId, blockedId, this.deps.clock.nowMs());
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.deps.store.unblock(blockerId, blockedId);
  }

  async listBlockedBy(blockerId: string): Promise<BlockedUserRow[]> {
    return this.deps.store.listBlockedBy(blockerId);
  }

  /** The one question every feature asks before one user can see or reach another. */
  async canInteract(a: string, b: string): Promise<boolean> {
    if (a === b) return true;
    return mayInteract(await this.deps.store.relationBetween(a, b));
  }

  /** The people the user may not interact with, for lists that must leave them out (nearby, rooms). */
  async blockedEitherWay(userId: string): Promise<Set<string>> {
    return new Set(await this.deps.store.blockedEitherWay(userId));
  }
}
